package dev.patchflow.ci;

import dev.patchflow.ci.config.CiConfig;
import dev.patchflow.forge.GitHubClient;
import dev.patchflow.forge.GitHubException;
import dev.patchflow.forge.RateLimitedException;
import dev.patchflow.forge.Sleeper;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The bridge as a long-lived service: clients made once (their caches are what keeps idle passes
 * cheap), labels created at start, then a pass every poll interval or as soon as something
 * wakes it. A failed pass is counted and retried after a growing pause, never in a hot loop.
 */
public final class CiBridge implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(CiBridge.class);
  private static final Duration FIRST_BACKOFF = Duration.ofSeconds(10);
  private final CiConfig config;
  private final CiMetrics metrics;
  private final Clock clock;
  private final Wakeup wakeup = new Wakeup();
  private final CiCycle cycle;
  private final Map<String, Target> targets;
  private volatile boolean closed;
  private Thread thread;

  /**
   * How the bridge runs: tests give their own sleeper; a dry run changes nothing on GitHub, not
   * even the labels.
   */
  public record Options(Sleeper sleeper, boolean dryRun) {
    public static final Options DEFAULT = new Options(Sleeper.REAL, false);
    public static final Options DRY_RUN = new Options(Sleeper.REAL, true);

    public Options(Sleeper sleeper) {
      this(sleeper, false);
    }
  }

  public CiBridge(CiConfig config, CiMetrics metrics, Clock clock, Options options) throws GitHubException {
    this.config = config;
    this.metrics = metrics;
    this.clock = clock;
    PatchworkClient patchwork = new PatchworkClient(config.patchwork().server(), config.patchwork().apiToken(),
        e -> metrics.request("patchwork", e.status(), e.fromCache()), clock);
    this.targets = Targets.of(config, auth -> GitHubClient.builder(auth).baseUri(config.github().apiUri()).clock(clock)
        .sleeper(options.sleeper()).listener(e -> {
          metrics.request("github", e.status(), e.fromCache());
          if (e.rateLimitRemaining() >= 0) {
            metrics.rateLimitRemaining(e.rateLimitRemaining());
          }
        }).build());
    this.cycle = new CiCycle(config, patchwork, targets, CiState.load(Path.of(config.baseDirectory(), "ci-state.json")),
        metrics, clock);
    if (!options.dryRun()) {
      ensureLabels();
    }
  }

  /** Creates the configured labels (or fixes their colours) once in each repository. */
  private void ensureLabels() throws GitHubException {
    if (config.labels().isEmpty()) {
      return;
    }
    Set<String> done = new HashSet<>();
    for (Target t : targets.values()) {
      if (done.add(t.github().ref().fullName())) {
        t.github().labels().ensure(config.labels());
      }
    }
  }

  /** One pass; with {@code dryRun} only the plan. */
  public CiCycle.Report pass(boolean dryRun) throws PatchworkException, GitHubException {
    metrics.startCycle();
    Instant start = clock.instant();
    CiCycle.Report r = cycle.run(dryRun);
    metrics.cycleDone(Duration.between(start, clock.instant()));
    LOG.atInfo().addKeyValue("tested", r.plan().tests().size()).addKeyValue("applied", r.applied())
        .addKeyValue("conflicts", r.conflicts()).addKeyValue("closed", r.closed()).addKeyValue("checks", r.checks())
        .addKeyValue("errors", r.errors()).addKeyValue("requests", metrics.cycleRequests()).log("ci pass done");
    return r;
  }

  /** Runs passes on a thread of its own until closed. */
  public void start() {
    thread = new Thread(this::loop, "ci-bridge");
    thread.setDaemon(true);
    thread.start();
  }

  /** Something happened (a webhook, a change on our own server): pass now rather than at the next poll. */
  public void wake() {
    wakeup.wake();
  }

  private void loop() {
    Duration backoff = FIRST_BACKOFF;
    while (!closed) {
      Duration pause = config.pollInterval();
      try {
        pass(false);
        backoff = FIRST_BACKOFF;
      } catch (RateLimitedException e) {
        pause = e.resetAt().map(at -> Duration.between(clock.instant(), at).plusSeconds(1)).orElse(config.pollInterval());
        LOG.atWarn().addKeyValue("until", e.resetAt()).log("GitHub rate limit spent; pausing");
      } catch (Exception e) {
        pause = backoff.compareTo(config.pollInterval()) < 0 ? backoff : config.pollInterval();
        backoff = backoff.multipliedBy(2);
        LOG.atWarn().setCause(e).addKeyValue("retry_in", pause).log("ci pass failed");
      }
      try {
        wakeup.await(pause.isNegative() ? Duration.ZERO : pause);
      } catch (InterruptedException e) {
        return;
      }
    }
  }

  @Override
  public void close() {
    closed = true;
    if (thread != null) {
      thread.interrupt();
    }
  }
}
