package dev.patchflow.forge;

import java.time.Instant;
import java.util.Optional;

/**
 * GitHub kept refusing for the rate limit after the client waited as long as it may. The caller
 * should leave this repository alone until {@link #resetAt()}.
 */
public final class RateLimitedException extends GitHubException {
  private final Instant resetAt;

  public RateLimitedException(int status, String method, String path, String githubMessage, Instant resetAt) {
    super(status, method, path, githubMessage);
    this.resetAt = resetAt;
  }

  /** When GitHub said the limit lifts, if it said. */
  public Optional<Instant> resetAt() {
    return Optional.ofNullable(resetAt);
  }
}
