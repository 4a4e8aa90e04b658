package dev.patchflow.cli;

import dev.patchflow.backport.CronExpression;
import dev.patchflow.backport.ReportWatcher;
import dev.patchflow.backport.RunSummary;
import dev.patchflow.backport.ScanWindow;
import dev.patchflow.backport.ScheduleLoop;
import dev.patchflow.backport.config.BackportConfig;
import dev.patchflow.backport.pipeline.BackportPipeline;
import dev.patchflow.backport.pipeline.BackportRun;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The `backport:` section run inside `serve`: the nightly schedule ({@code serve_schedule}) for
 * hosts with no timer or cron, and watch mode ({@code watch_dir}), where a report file dropped in
 * starts a run for the commits it lists. Both go through {@link BackportRun}, so they share the
 * lock with run-now and with each other, and each run gets its summary line.
 */
final class BackportInServe implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(BackportInServe.class);
  /** A report must sit unchanged this long before it is read. */
  static final Duration SETTLE = Duration.ofSeconds(2);
  /** How often the watched folder is looked at when no file event wakes the watcher. */
  static final Duration POLL = Duration.ofSeconds(30);

  private final BackportConfig config;
  private final Path home;
  private final Clock clock;
  private ScheduleLoop schedule;
  private ReportWatcher watcher;

  BackportInServe(BackportConfig config, Path home, Clock clock) {
    this.config = config;
    this.home = home;
    this.clock = clock;
  }

  void start() throws IOException {
    if (config == null) {
      return;
    }
    if (config.serveSchedule()) {
      schedule = new ScheduleLoop(CronExpression.parse(config.schedule()), this::runScheduled);
      schedule.start();
      LOG.info("event=backport_schedule cron=\"{}\" next={}", config.schedule(), schedule.nextFire().toOffsetDateTime());
    }
    if (config.watchDir() != null) {
      Path state = BackportRuns.workDir(config, home).resolve("watched-reports.state");
      java.nio.file.Files.createDirectories(state.getParent());
      watcher = new ReportWatcher(Path.of(config.watchDir()), state, SETTLE, clock, this::runReport);
      watcher.start(POLL);
      LOG.info("event=backport_watch dir={}", config.watchDir());
    }
  }

  /** A scheduled run: this month's fixes for every line, as run-now does. */
  BackportRun.Ended runScheduled() {
    ScanWindow month = ScanWindow.month(YearMonth.now(clock.withZone(ZoneOffset.UTC)));
    return run(month, List.of(), "schedule");
  }

  /** A watched report's run; a run already going makes the watcher try this report again later. */
  void runReport(ReportWatcher.Report report) {
    BackportRun.Ended ended = run(ScanWindow.month(YearMonth.now(clock.withZone(ZoneOffset.UTC))), report.shas(),
        "report " + report.file().getFileName());
    if (ended != null && ended.summary() instanceof RunSummary.Skipped s) {
      throw new IllegalStateException(s.reason() + "; the report is tried again");
    }
  }

  private BackportRun.Ended run(ScanWindow window, List<String> commits, String why) {
    boolean push = config.github().hasAuth();
    if (!push) {
      LOG.warn("event=backport_no_push reason=\"backport.github has no token or app_auth\" trigger=\"{}\"", why);
    }
    BackportPipeline.Options options = new BackportPipeline.Options(window, List.of(), null, null, false, false, !push,
        false, 0, false, commits);
    try {
      BackportRun.Ended ended = BackportRuns.of(config, home, push, clock)
          .run(options, line -> LOG.info("event=backport_note trigger=\"{}\" note=\"{}\"", why, line));
      LOG.info("event=backport_run_ended trigger=\"{}\" summary=\"{}\" run_dir={}", why, ended.summary().line(),
          ended.runDir());
      return ended;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return null;
    } catch (Exception e) {
      // the run's FAILED line is in summary.log; the schedule and the watcher go on
      LOG.atError().setCause(e).log("backport run failed trigger=\"{}\"", why);
      return null;
    }
  }

  @Override
  public void close() {
    if (schedule != null) {
      schedule.close();
    }
    if (watcher != null) {
      watcher.close();
    }
  }
}
