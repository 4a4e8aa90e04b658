package dev.patchflow.cli;

import dev.patchflow.backport.NetworkCheck;
import dev.patchflow.backport.config.BackportConfig;
import dev.patchflow.backport.pipeline.BackportRun;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;

/** A {@link BackportRun} from the config's backport: section, for the command, the schedule and the watcher. */
final class BackportRuns {
  /** Photon's pause between network tries. */
  private static final Duration NETWORK_PAUSE = Duration.ofSeconds(5);

  private BackportRuns() {}

  /** @param pushing pushes may happen: GitHub auth is then required */
  static BackportRun of(BackportConfig c, Path home, boolean pushing, Clock clock) {
    return of(c, home, logDir(c, home), pushing, clock);
  }

  /** @param logDir where the run's folder, the lock and summary.log are */
  static BackportRun of(BackportConfig c, Path home, Path logDir, boolean pushing, Clock clock) {
    BackportGitHub gh = BackportGitHub.of(c.github(), pushing);
    NetworkCheck.Settings network;
    try {
      network = new NetworkCheck.Settings(c.network().timeout(), c.network().tries(), NETWORK_PAUSE)
          .withEnv(System::getenv);
    } catch (IllegalArgumentException e) {
      throw new UserError(e.getMessage());
    }
    return new BackportRun(new BackportRun.Setup(c, workDir(c, home), logDir, gh.pullRequests(),
        gh::credentials, network, clock));
  }

  static Path workDir(BackportConfig c, Path home) {
    return c.workDir() != null ? Path.of(c.workDir()) : home.resolve("backport");
  }

  /** backport.log_dir, else HOME/logs/backport: the run folders, summary.log and the lock. */
  static Path logDir(BackportConfig c, Path home) {
    return c.logDir() != null ? Path.of(c.logDir()) : home.resolve("logs").resolve("backport");
  }
}
