package dev.patchflow.forge;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Notes the rate limit of every answer, and when GitHub refuses for it (403 or 429 with no
 * requests remaining or a Retry-After) waits until it lifts and asks again. A refused request
 * had no effect, so this is safe for any method. The waits are bounded: past them, or when the
 * reset is further away than the client may wait, it gives up with {@link RateLimitedException}.
 */
final class RateLimitStage implements Stage {
  private static final Logger LOG = LoggerFactory.getLogger(RateLimitStage.class);
  /** GitHub asks to wait at least a minute after a secondary limit that names no time. */
  private static final Duration SECONDARY = Duration.ofSeconds(60);
  private static final int MAX_WAITS = 3;
  private final RateLimitState state;
  private final Clock clock;
  private final Sleeper sleeper;
  private final Duration maxWait;
  private final Redactor redactor;

  RateLimitStage(RateLimitState state, Clock clock, Sleeper sleeper, Duration maxWait, Redactor redactor) {
    this.state = state;
    this.clock = clock;
    this.sleeper = sleeper;
    this.maxWait = maxWait;
    this.redactor = redactor;
  }

  @Override
  public Response intercept(Chain chain) throws IOException, GitHubException {
    Request req = chain.request();
    for (int waits = 0; ; waits++) {
      Response r = chain.proceed(req);
      state.update(r);
      Optional<Duration> wait = waitFor(r);
      if (wait.isEmpty()) {
        return r;
      }
      if (waits >= MAX_WAITS || wait.get().compareTo(maxWait) > 0) {
        Instant reset = r.header("x-ratelimit-reset").flatMap(RateLimitState::parseLong).map(Instant::ofEpochSecond)
            .orElse(clock.instant().plus(wait.get()));
        throw new RateLimitedException(r.status(), req.method(), redactor.redact(req.path()),
            "rate limited; waited " + waits + " times, next wait would be " + wait.get().toSeconds() + " s", reset);
      }
      LOG.atInfo().addKeyValue("path", redactor.redact(req.path())).addKeyValue("status", r.status())
          .addKeyValue("wait_s", wait.get().toSeconds()).log("github rate limit: waiting");
      try {
        sleeper.sleep(wait.get());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new InterruptedIOException("interrupted while waiting for the rate limit");
      }
    }
  }

  /** How long GitHub asks us to wait, if this answer is a rate-limit refusal. */
  Optional<Duration> waitFor(Response r) {
    if (r.status() != 403 && r.status() != 429) {
      return Optional.empty();
    }
    Optional<Long> retryAfter = r.header("retry-after").flatMap(RateLimitState::parseLong);
    if (retryAfter.isPresent()) {
      return Optional.of(Duration.ofSeconds(Math.max(0, retryAfter.get())));
    }
    Optional<Integer> remaining = RateLimitState.intHeader(r, "x-ratelimit-remaining");
    Optional<Long> reset = r.header("x-ratelimit-reset").flatMap(RateLimitState::parseLong);
    if (remaining.isPresent() && remaining.get() == 0 && reset.isPresent()) {
      Duration until = Duration.between(clock.instant(), Instant.ofEpochSecond(reset.get()));
      // one second more: the reset is rounded down to the second and clocks drift a little
      return Optional.of((until.isNegative() ? Duration.ZERO : until).plusSeconds(1));
    }
    String body = new String(r.body() == null ? new byte[0] : r.body(), StandardCharsets.UTF_8).toLowerCase(Locale.ROOT);
    if (r.status() == 429 || body.contains("rate limit")) {
      return Optional.of(SECONDARY);
    }
    return Optional.empty(); // a plain 403: permission denied, not a limit
  }
}
