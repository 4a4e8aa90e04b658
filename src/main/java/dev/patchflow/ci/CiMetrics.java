package dev.patchflow.ci;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The bridge's metrics, as KPD reports them (pull requests, conflicts, checks, cycle time,
 * requests by answer, rate limit left), plus the requests of the current cycle, which is what an
 * idle bridge should keep near zero.
 */
public final class CiMetrics {
  private final MeterRegistry registry;
  private final AtomicLong rateLimitRemaining = new AtomicLong(-1);
  private final AtomicLong cycleRequests = new AtomicLong();
  private final Timer cycles;

  public CiMetrics(MeterRegistry registry) {
    this.registry = registry;
    this.cycles = Timer.builder("patchflow.ci.cycle").description("one pass over Patchwork and GitHub").register(registry);
    registry.gauge("patchflow.ci.github.ratelimit.remaining", rateLimitRemaining);
  }

  /** A pull request was created, updated or closed. */
  public void pullRequest(String action) {
    Counter.builder("patchflow.ci.pull_requests").tag("action", action).register(registry).increment();
  }

  public void conflict() {
    registry.counter("patchflow.ci.conflicts").increment();
  }

  public void branchDeleted() {
    registry.counter("patchflow.ci.branches.deleted").increment();
  }

  public void checkPosted() {
    registry.counter("patchflow.ci.checks.posted").increment();
  }

  public void mailSent() {
    registry.counter("patchflow.ci.mails").increment();
  }

  /** An HTTP request to GitHub or Patchwork and how it was answered (304s are cheap: counted apart). */
  public void request(String target, int status, boolean fromCache) {
    cycleRequests.incrementAndGet();
    Counter.builder("patchflow.ci.requests").tag("target", target).tag("code", Integer.toString(status))
        .tag("cached", Boolean.toString(fromCache)).register(registry).increment();
  }

  public void rateLimitRemaining(long remaining) {
    rateLimitRemaining.set(remaining);
  }

  /** Starts counting a cycle's requests; returns what the previous cycle made. */
  public long startCycle() {
    return cycleRequests.getAndSet(0);
  }

  public long cycleRequests() {
    return cycleRequests.get();
  }

  public void cycleDone(Duration took) {
    cycles.record(took);
  }
}
