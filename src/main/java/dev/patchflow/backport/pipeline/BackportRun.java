package dev.patchflow.backport.pipeline;

import dev.patchflow.backport.NetworkCheck;
import dev.patchflow.backport.NetworkHosts;
import dev.patchflow.backport.RoutingRules;
import dev.patchflow.backport.RunLogFiles;
import dev.patchflow.backport.RunSummary;
import dev.patchflow.backport.config.BackportConfig;
import dev.patchflow.backport.config.KernelLineConfig;
import dev.patchflow.git.GitException;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One backport run with its housekeeping, the same whether a person, cron's run-now, the
 * schedule in {@code serve} or a watched report starts it: the run lock, the network pre-flight
 * (an unreachable host ends the run quietly: for a nightly job that is a lost night, not an
 * error), the pipeline, its results as JSON lines in the run's folder, the run's line in
 * {@code summary.log}, and old logs removed.
 */
public final class BackportRun {
  private static final Logger LOG = LoggerFactory.getLogger(BackportRun.class);

  /**
   * What a run needs beside its options.
   *
   * @param logDir the run folders, {@code summary.log} and the lock
   * @param pullRequests null when no GitHub auth is configured
   * @param credentials git configuration for a packaging URL, never on argv
   */
  public record Setup(BackportConfig config, Path workDir, Path logDir, PullRequestStep pullRequests,
      Function<String, Map<String, String>> credentials, NetworkCheck.Settings network, Clock clock) {}

  /**
   * How a run ended.
   *
   * @param summary its summary line (also for dry runs, which write none)
   * @param result the pipeline's results; null when it never started (lock, network)
   * @param runDir the folder of its logs and results; null when none was written
   */
  public record Ended(RunSummary summary, BackportPipeline.RunResult result, Path runDir) {}

  private final Setup setup;

  public BackportRun(Setup setup) {
    this.setup = setup;
  }

  /** A run of its own: it takes the lock and writes its summary line. */
  public Ended run(BackportPipeline.Options options, Consumer<String> echo)
      throws GitException, IOException, RoutingRules.RulesException, InterruptedException {
    return run(options, Optional.empty(), echo);
  }

  /**
   * @param partOf the id of the run-now run this kernel run is part of: run-now's script holds the
   *     lock and writes the summary line around its per-kernel calls, and all of them write into
   *     the one folder of that run (results added to its {@code results.jsonl}); empty for a run
   *     of its own
   * @param echo each line of the run's account as it is written (the console, a logger)
   */
  public Ended run(BackportPipeline.Options options, Optional<String> partOf, Consumer<String> echo)
      throws GitException, IOException, RoutingRules.RulesException, InterruptedException {
    Clock clock = setup.clock();
    Instant start = partOf.map(id -> RunLogFiles.runIdStart(id).orElseThrow(
        () -> new IllegalArgumentException("not a run id (yyyyMMddTHHmmssZ): " + id))).orElseGet(clock::instant);
    boolean ownsHousekeeping = partOf.isEmpty();
    String runId = RunLogFiles.runId(start);
    RunLogFiles files = new RunLogFiles(setup.logDir());
    boolean writes = !options.dryRun();
    Optional<RunLogFiles.RunLock> lock = writes && ownsHousekeeping ? files.tryLock() : Optional.empty();
    if (writes && ownsHousekeeping && lock.isEmpty()) {
      return end(files, new RunSummary.Skipped(start, runId, "another run holds the lock"), null, null,
          ownsHousekeeping && writes);
    }
    try {
      Preflight network = networkPreflight(options);
      RunLog log = writes ? new DirRunLog(setup.logDir(), start, clock, echo) : DirRunLog.echoOnly(echo);
      BackportPipeline pipeline = new BackportPipeline(setup.config(), setup.workDir(), setup.pullRequests(),
          setup.credentials(), network, clock);
      BackportPipeline.RunResult result;
      try {
        result = pipeline.run(options, log);
      } catch (GitException | IOException | RoutingRules.RulesException | RuntimeException e) {
        end(files, new RunSummary.Failed(start, runId, String.valueOf(e.getMessage())), null, null,
            ownsHousekeeping && writes);
        throw e;
      }
      if (result.blocked().isPresent()) {
        return end(files, new RunSummary.Failed(start, runId, result.blocked().get()), result, null,
            ownsHousekeeping && writes);
      }
      RunSummary done = new RunSummary.Completed(start, runId, RunReport.counts(result.results()));
      Path runDir = null;
      if (writes) {
        runDir = log.dir();
        // appended: under run-now each kernel line's run adds its results to the night's folder
        java.nio.file.Files.writeString(runDir.resolve(RunLogFiles.RESULTS), RunReport.jsonLines(result),
            java.nio.charset.StandardCharsets.UTF_8, java.nio.file.StandardOpenOption.CREATE,
            java.nio.file.StandardOpenOption.APPEND);
      }
      Ended ended = end(files, done, result, runDir, ownsHousekeeping && writes);
      if (writes) {
        List<Path> gone = files.prune(clock.instant(), setup.config().logRetention());
        if (!gone.isEmpty()) {
          LOG.info("event=backport_logs_pruned count={} older_than_days={}", gone.size(),
              setup.config().logRetention().toDays());
        }
      }
      return ended;
    } finally {
      if (lock.isPresent()) {
        lock.get().close();
      }
    }
  }

  private static Ended end(RunLogFiles files, RunSummary summary, BackportPipeline.RunResult result, Path runDir,
      boolean write) throws IOException {
    if (write) {
      files.appendSummary(summary);
    }
    LOG.info("event=backport_run {}", summary.line());
    return new Ended(summary, result, runDir);
  }

  /** The configured hosts, else the hosts of this run's repositories; interrupted checks count as unreachable. */
  private Preflight networkPreflight(BackportPipeline.Options options) {
    List<String> hosts = hosts(setup.config(), options);
    if (hosts.isEmpty()) {
      return Preflight.NONE;
    }
    NetworkCheck check = new NetworkCheck(setup.network());
    return () -> {
      try {
        NetworkCheck.Result r = check.check(hosts);
        return r.allReachable() ? Optional.empty() : Optional.of(r.describeFailures());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return Optional.of("network check interrupted");
      }
    };
  }

  /** What the pre-flight checks for these options. */
  static List<String> hosts(BackportConfig c, BackportPipeline.Options options) {
    if (c.network().hosts() != null) {
      return c.network().hosts();
    }
    boolean pushes = !options.dryRun() && !options.skipPush();
    List<String> places = new ArrayList<>();
    if (!options.skipClone()) {
      places.add(c.upstream());
    }
    for (KernelLineConfig k : c.kernels()) {
      if (options.kernels().isEmpty() || options.kernels().contains(k.kernel())) {
        if (!options.skipClone() || pushes) {
          places.add(options.repoUrl() != null ? options.repoUrl() : k.cloneUrl());
        }
        if (!options.skipClone()) {
          places.add(k.kernelSource());
        }
      }
    }
    if (pushes && c.github().hasAuth()) {
      places.add(c.github().apiUri().toString());
    }
    return NetworkHosts.of(places);
  }
}
