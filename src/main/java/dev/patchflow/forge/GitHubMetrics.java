package dev.patchflow.forge;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A listener that feeds Micrometer: {@code github.requests} (a timer tagged with method, path
 * template, status (0: no answer) and whether it was a 304 from cache) and {@code github.ratelimit.remaining}.
 * Pass it to {@link GitHubClient.Builder#listener}.
 */
public final class GitHubMetrics implements RequestListener {
  private final MeterRegistry registry;
  private final AtomicInteger remaining = new AtomicInteger(-1);

  public GitHubMetrics(MeterRegistry registry) {
    this.registry = registry;
    Gauge.builder("github.ratelimit.remaining", remaining, AtomicInteger::get)
        .description("requests GitHub said remain in this rate-limit window (-1 before the first answer)")
        .register(registry);
  }

  @Override
  public void onRequest(RequestEvent e) {
    Timer.builder("github.requests").tag("method", e.method()).tag("path", e.template())
        .tag("status", Integer.toString(e.status())).tag("cached", Boolean.toString(e.fromCache()))
        .register(registry).record(e.elapsed());
    if (e.rateLimitRemaining() >= 0) {
      remaining.set(e.rateLimitRemaining());
    }
  }
}
