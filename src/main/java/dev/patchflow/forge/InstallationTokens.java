package dev.patchflow.forge;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * A GitHub App's installation token: asked for with a fresh JWT, kept until a few minutes
 * before GitHub says it expires (so a long paged listing never runs into the expiry), then
 * asked for again.
 */
final class InstallationTokens {
  static final Duration REFRESH_BEFORE = Duration.ofMinutes(5);
  private final GitHubAuth.App app;
  private final URI base;
  private final Clock clock;
  private final Redactor redactor;
  private String token;
  private Instant expiresAt = Instant.MIN;

  InstallationTokens(GitHubAuth.App app, URI base, Clock clock, Redactor redactor) {
    this.app = app;
    this.base = base;
    this.clock = clock;
    this.redactor = redactor;
  }

  /** A JWT signed now, for the few endpoints that take the App itself (/app, token exchange). */
  String jwt() {
    String jwt = AppJwt.sign(app.appId(), app.privateKey(), clock.instant());
    redactor.remember(jwt);
    return jwt;
  }

  /** A token valid for a few more minutes, asking GitHub for one through {@code rest} if needed. */
  synchronized String token(Stage.Chain rest) throws IOException, GitHubException {
    if (token != null && clock.instant().isBefore(expiresAt.minus(REFRESH_BEFORE))) {
      return token;
    }
    Route route = Route.of("/app/installations/{id}/access_tokens", app.installationId());
    Request req = Request.of("POST", route.resolve(base), route.template(), new byte[0])
        .withHeader("Authorization", "Bearer " + jwt())
        .markIdempotent(); // a second token is harmless
    Response r = rest.proceed(req);
    if (!r.successful()) {
      throw Errors.of(r, redactor);
    }
    JsonNode body = Json.MAPPER.readTree(r.body());
    String fresh = Json.text(body, "token");
    Instant expires = Json.instant(body, "expires_at");
    if (fresh == null || expires == null) {
      throw new GitHubException(r.status(), "POST", route.path(), "no token or expires_at in the answer");
    }
    redactor.remember(fresh);
    token = fresh;
    expiresAt = expires;
    return token;
  }

  /** Forgets {@code used} when GitHub refused it (revoked, or clocks disagree on the expiry). */
  synchronized void invalidate(String used) {
    if (used.equals(token)) {
      token = null;
    }
  }
}
