package dev.patchflow.forge;

import java.io.IOException;

/**
 * Adds the Authorization header: the personal token, or the App's installation token (asked
 * for, cached and refreshed by {@link InstallationTokens}). A request that already carries one
 * (the App's own JWT calls) passes untouched. With an App, a 401 means the cached token went
 * bad early: it is dropped and the request tried once more with a new one.
 */
final class AuthStage implements Stage {
  private final String personalToken;
  private final InstallationTokens installation;

  private AuthStage(String personalToken, InstallationTokens installation) {
    this.personalToken = personalToken;
    this.installation = installation;
  }

  static AuthStage forToken(String token) {
    return new AuthStage(token, null);
  }

  static AuthStage forApp(InstallationTokens installation) {
    return new AuthStage(null, installation);
  }

  @Override
  public Response intercept(Chain chain) throws IOException, GitHubException {
    Request req = chain.request();
    if (req.header("authorization").isPresent()) {
      return chain.proceed(req);
    }
    if (personalToken != null) {
      return chain.proceed(req.withHeader("Authorization", "Bearer " + personalToken));
    }
    String token = installation.token(chain);
    Response r = chain.proceed(req.withHeader("Authorization", "Bearer " + token));
    if (r.status() != 401) {
      return r;
    }
    installation.invalidate(token);
    return chain.proceed(req.withHeader("Authorization", "Bearer " + installation.token(chain)));
  }
}
