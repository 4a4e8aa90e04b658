package dev.patchflow.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.patchflow.testing.Sh;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The unattended path end to end: {@code backport install --no-cron} writes run-now, and run-now
 * runs the real backport command per kernel line (this JVM's classes), which pushes and opens
 * pull requests on the fake GitHub; the run's one summary line sums what the kernel runs printed.
 */
class BackportRunNowTest {
  @TempDir static Path tmp;
  static BackportWorld world;
  static Path install;
  static Path runNowLogs;

  @BeforeAll
  static void setUp() throws Exception {
    world = new BackportWorld(tmp);
    install = tmp.resolve("opt");
    runNowLogs = tmp.resolve("var-log");
  }

  @AfterAll
  static void stop() {
    if (world != null) {
      world.close();
    }
  }

  private static Path config(String name, String extra) throws Exception {
    return world.config(name, extra);
  }

  private static String runNow(Path config) {
    CliRun installed = CliRun.of("backport", "install", "--config", config.toString(), "--install-dir",
        install.toString(), "--log-dir", runNowLogs.toString(), "--no-cron", "--kernels", "6.1");
    assertThat(installed.code()).as(installed.err()).isZero();
    // run-now passes its arguments on: the test data is March 2025, a nightly run scans this month
    Sh.Result r = Sh.result(tmp, Map.of(), List.of(install.resolve("run-now").toString(), "--month", "2025-03"));
    assertThat(r.code()).as(r.out()).isZero();
    return r.out();
  }

  @Test
  void aNightlyRunOpensPullRequestsAndWritesOneSummaryLine() throws Exception {
    runNow(config("night", ""));
    List<String> summary = Files.readAllLines(runNowLogs.resolve("summary.log"));
    assertThat(summary.get(summary.size() - 1)).matches("\\S+Z run \\d{8}T\\d{6}Z COMPLETED: test_failed=1 needs_review=2"
        + " success=3 not_affected=1 already_integrated=3 kernels_ok=1 kernels_failed=0");
    try (Stream<Path> files = Files.list(runNowLogs)) {
      Path kernelLog = files.filter(f -> f.getFileName().toString().startsWith("kernel_6.1_")).findFirst().orElseThrow();
      assertThat(Files.readString(kernelLog)).contains("backport-counts: ").contains("github.com/example/photon/pull/");
    }
    assertThat(world.pullRequestsOpened()).isEqualTo(3);
    assertThat(world.photon.branches("backport/")).hasSize(3);
    // under run-now the command leaves the summary to the script
    assertThat(tmp.resolve("night-runs/summary.log")).doesNotExist();
    // and writes the night's results into the run folder its summary line names, beside summary.log
    String runId = summary.get(summary.size() - 1).split(" ")[2];
    Path folder = runNowLogs.resolve(dev.patchflow.backport.RunLogFiles.runFolderOf(runId).orElseThrow());
    List<String> results = Files.readAllLines(folder.resolve(dev.patchflow.backport.RunLogFiles.RESULTS));
    assertThat(results).hasSize(10).allSatisfy(l -> assertThat(l).contains("\"kernel\":\"6.1\""));
    assertThat(results.stream().filter(l -> l.contains("\"status\":\"success\""))).hasSize(3);
    assertThat(tmp.resolve("night-runs")).doesNotExist();
  }

  /** A run by hand or from serve's schedule holds the lock as run-now takes it: run-now skips, and says so. */
  @Test
  void aRunHoldingTheLockMakesRunNowSkip() throws Exception {
    long opened = world.pullRequestsOpened();
    try (var held = new dev.patchflow.backport.RunLogFiles(runNowLogs).tryLock().orElseThrow()) {
      runNow(config("locked", ""));
    }
    List<String> summary = Files.readAllLines(runNowLogs.resolve("summary.log"));
    assertThat(summary.get(summary.size() - 1)).matches("\\S+Z run \\d{8}T\\d{6}Z SKIPPED: another run holds the lock");
    assertThat(world.pullRequestsOpened()).isEqualTo(opened);
  }

  @Test
  void anUnreachableHostIsAFailedLineAndExitZero() throws Exception {
    runNow(config("offline", "  network: {hosts: [\"127.0.0.1:1\"], timeout_seconds: 1, retries: 1}\n"));
    List<String> summary = Files.readAllLines(runNowLogs.resolve("summary.log"));
    assertThat(summary.get(summary.size() - 1)).contains(" FAILED: network unavailable (127.0.0.1:1: ");
  }
}
