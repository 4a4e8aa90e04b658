package dev.patchflow.forge;

import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/** The rate limit as GitHub's latest answer stated it, shared by the stages and the client. */
final class RateLimitState {
  private final AtomicReference<RateLimit> last = new AtomicReference<>();

  void update(Response r) {
    Optional<Integer> limit = intHeader(r, "x-ratelimit-limit");
    Optional<Integer> remaining = intHeader(r, "x-ratelimit-remaining");
    Optional<Long> reset = r.header("x-ratelimit-reset").flatMap(RateLimitState::parseLong);
    if (remaining.isPresent()) {
      last.set(new RateLimit(limit.orElse(-1), remaining.get(), reset.map(Instant::ofEpochSecond).orElse(null)));
    }
  }

  Optional<RateLimit> last() {
    return Optional.ofNullable(last.get());
  }

  static Optional<Integer> intHeader(Response r, String name) {
    return r.header(name).flatMap(RateLimitState::parseLong).map(Long::intValue);
  }

  static Optional<Long> parseLong(String s) {
    try {
      return Optional.of(Long.parseLong(s.strip()));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }
}
