package dev.patchflow.backport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunLogFilesTest {
  @TempDir Path tmp;

  static final Instant NOW = Instant.parse("2026-12-01T02:00:00Z");

  @Test
  void layout() {
    RunLogFiles logs = new RunLogFiles(tmp);
    String id = RunLogFiles.runId(NOW);
    assertThat(id).isEqualTo("20261201T020000Z");
    assertThat(logs.runLog(id)).isEqualTo(tmp.resolve("backport_20261201T020000Z.log"));
    assertThat(logs.kernelLog("6.1", id)).isEqualTo(tmp.resolve("kernel_6.1_20261201T020000Z.log"));
    assertThatThrownBy(() -> logs.kernelLog("../x", id)).hasMessageContaining("'../x'");
    assertThat(RunLogFiles.runFolder(NOW)).isEqualTo("run-20261201-020000");
    assertThat(RunLogFiles.runFolderStart("run-20261201-020000")).contains(NOW);
    assertThat(RunLogFiles.runFolderStart("run-20261341-020000")).isEmpty();
    assertThat(RunLogFiles.runFolderStart("run-manual")).isEmpty();
    assertThat(RunLogFiles.runFolderOf(id)).contains("run-20261201-020000");
    assertThat(RunLogFiles.runFolderOf("nightly-1")).isEmpty();
  }

  @Test
  void summaryLinesRoundTrip() throws Exception {
    RunLogFiles logs = new RunLogFiles(tmp.resolve("logs"));
    Map<String, Integer> counts = new LinkedHashMap<>();
    counts.put("success", 3);
    counts.put("already_integrated", 5);
    counts.put("build_failed", 0);
    counts.put("test_failed", 1);
    counts.put("routing_none", 2);
    logs.appendSummary(new RunSummary.Completed(NOW.plusMillis(250), "20261201T020000Z", counts));
    logs.appendSummary(new RunSummary.Skipped(NOW.plusSeconds(60), "20261201T020100Z", "another run holds the lock"));
    logs.appendSummary(new RunSummary.Failed(NOW.plusSeconds(120), "20261201T020200Z",
        "network unavailable (cdn.kernel.org:443: timed out)\nsecond line"));

    assertThat(Files.readAllLines(logs.summaryFile())).containsExactly(
        "2026-12-01T02:00:00Z run 20261201T020000Z COMPLETED: success=3 already_integrated=5 build_failed=0 test_failed=1 routing_none=2",
        "2026-12-01T02:01:00Z run 20261201T020100Z SKIPPED: another run holds the lock",
        "2026-12-01T02:02:00Z run 20261201T020200Z FAILED: network unavailable (cdn.kernel.org:443: timed out) second line");
    Files.writeString(logs.summaryFile(), "hand-written note\n", java.nio.file.StandardOpenOption.APPEND);

    assertThat(logs.lastSummaries(2)).hasSize(2).first().isInstanceOf(RunSummary.Skipped.class);
    RunSummary first = logs.lastSummaries(10).get(0);
    assertThat(first).isInstanceOf(RunSummary.Completed.class);
    assertThat(((RunSummary.Completed) first).counts()).containsExactlyEntriesOf(counts);
    assertThat(new RunLogFiles(tmp.resolve("none")).lastSummaries(3)).isEmpty();
  }

  @Test
  void lockKeepsASecondRunOut() throws Exception {
    RunLogFiles logs = new RunLogFiles(tmp);
    Optional<RunLogFiles.RunLock> first = logs.tryLock();
    assertThat(first).isPresent();
    assertThat(logs.tryLock()).isEmpty();
    first.get().close();
    Optional<RunLogFiles.RunLock> again = logs.tryLock();
    assertThat(again).isPresent();
    again.get().close();
  }

  /** Another process holding the lock file keeps this one out. */
  @Test
  void lockHeldByAnotherProcessIsSeen() throws Exception {
    org.junit.jupiter.api.Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/python3")));
    // python's fcntl.lockf takes the same kind of lock as FileChannel (POSIX record locks)
    Process holder = new ProcessBuilder("python3", "-c",
        "import fcntl,sys,time; f=open(sys.argv[1],'a'); fcntl.lockf(f, fcntl.LOCK_EX); print('held', flush=True); time.sleep(30)",
        tmp.resolve(RunLogFiles.LOCK).toString()).start();
    try {
      assertThat(new String(holder.getInputStream().readNBytes(5))).isEqualTo("held\n");
      assertThat(new RunLogFiles(tmp).tryLock()).isEmpty();
    } finally {
      holder.destroy();
      holder.waitFor();
    }
  }

  /** run-now takes flock(2) locks: one it holds keeps a run started from Java out. */
  @Test
  void lockHeldByRunNowsFlockIsSeen() throws Exception {
    org.junit.jupiter.api.Assumptions.assumeTrue(FlockHold.available(), "util-linux flock is not installed");
    Process holder = new ProcessBuilder("flock", "-n", tmp.resolve(RunLogFiles.LOCK).toString(),
        "sh", "-c", "echo held; exec sleep 30").start();
    try {
      assertThat(new String(holder.getInputStream().readNBytes(5))).isEqualTo("held\n");
      assertThat(new RunLogFiles(tmp).tryLock()).isEmpty();
    } finally {
      // the sleep holds the lock too (flock's descriptor is inherited), so it goes first
      holder.descendants().forEach(ProcessHandle::destroy);
      holder.destroy();
      holder.waitFor();
    }
    try (RunLogFiles.RunLock free = new RunLogFiles(tmp).tryLock().orElseThrow()) {
      assertThat(free).isNotNull();
    }
  }

  /** And a run started from Java keeps run-now's {@code flock -n} out until it ends. */
  @Test
  void lockTakenHereKeepsFlockOut() throws Exception {
    org.junit.jupiter.api.Assumptions.assumeTrue(FlockHold.available(), "util-linux flock is not installed");
    String lockFile = tmp.resolve(RunLogFiles.LOCK).toString();
    try (RunLogFiles.RunLock held = new RunLogFiles(tmp).tryLock().orElseThrow()) {
      assertThat(new ProcessBuilder("flock", "-n", lockFile, "true").start().waitFor()).isEqualTo(1);
    }
    assertThat(new ProcessBuilder("flock", "-n", lockFile, "true").start().waitFor()).isZero();
  }

  @Test
  void pruneDeletesOldLogsOnly() throws Exception {
    RunLogFiles logs = new RunLogFiles(tmp);
    Path oldRun = Files.writeString(tmp.resolve("backport_20261001T020000Z.log"), "x");
    Path oldKernel = Files.writeString(tmp.resolve("kernel_6.1_20261001T020000Z.log"), "x");
    Path newRun = Files.writeString(tmp.resolve("backport_20261130T020000Z.log"), "x");
    Path summary = Files.writeString(tmp.resolve("summary.log"), "x");
    Path lock = Files.writeString(tmp.resolve("backport.lock"), "");
    Path other = Files.writeString(tmp.resolve("notes.log"), "x");
    FileTime old = FileTime.from(NOW.minus(Duration.ofDays(31)));
    for (Path p : new Path[] {oldRun, oldKernel, summary, lock, other}) {
      Files.setLastModifiedTime(p, old);
    }
    Files.setLastModifiedTime(newRun, FileTime.from(NOW.minus(Duration.ofDays(29))));

    assertThat(logs.prune(NOW, RunLogFiles.DEFAULT_RETENTION)).containsExactly(oldRun, oldKernel);
    assertThat(tmp).isDirectoryContaining(p -> p.equals(newRun)).isDirectoryContaining(p -> p.equals(summary))
        .isDirectoryContaining(p -> p.equals(lock)).isDirectoryContaining(p -> p.equals(other));
    assertThat(Files.exists(oldRun)).isFalse();
    // a shorter retention takes the newer one too
    assertThat(logs.prune(NOW, Duration.ofDays(7))).containsExactly(newRun);
  }

  @Test
  void pruneTakesOldRunFoldersWholeAndNeverFollowsLinks() throws Exception {
    RunLogFiles logs = new RunLogFiles(tmp.resolve("logs"));
    Path oldDir = Files.createDirectories(tmp.resolve("logs/run-20261001-020000/6.1/abcdef012345"));
    Files.writeString(oldDir.resolve("apply-check.log"), "x");
    Path keepOutside = Files.createDirectories(tmp.resolve("elsewhere"));
    Path precious = Files.writeString(keepOutside.resolve("precious.txt"), "keep");
    Files.createSymbolicLink(tmp.resolve("logs/run-20261001-020000/link"), keepOutside);
    Path newDir = Files.createDirectories(tmp.resolve("logs/run-20261130-020000"));
    Path notARun = Files.createDirectories(tmp.resolve("logs/run-manual"));
    FileTime old = FileTime.from(NOW.minus(Duration.ofDays(40)));
    Files.setLastModifiedTime(tmp.resolve("logs/run-20261001-020000"), old);
    Files.setLastModifiedTime(notARun, old);
    Files.setLastModifiedTime(newDir, FileTime.from(NOW.minus(Duration.ofDays(1))));

    assertThat(logs.prune(NOW, RunLogFiles.DEFAULT_RETENTION)).containsExactly(tmp.resolve("logs/run-20261001-020000"));
    assertThat(tmp.resolve("logs/run-20261001-020000")).doesNotExist();
    assertThat(precious).hasContent("keep");
    assertThat(newDir).isDirectory();
    assertThat(notARun).isDirectory();
  }
}
