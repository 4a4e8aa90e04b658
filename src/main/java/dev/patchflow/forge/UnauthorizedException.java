package dev.patchflow.forge;

/** 401: the token is unknown, revoked or expired, or the App's JWT was refused. */
public final class UnauthorizedException extends GitHubException {
  public UnauthorizedException(String method, String path, String githubMessage) {
    super(401, method, path, githubMessage);
  }
}
