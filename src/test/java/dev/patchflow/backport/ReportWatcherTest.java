package dev.patchflow.backport;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportWatcherTest {
  static final String A = "2f3bc5e9d1b3c0c1a8f6b9a3b4c5d6e7f8a9b0c1";
  static final String B = "0123456789ab";
  static final Instant NOW = Instant.parse("2026-12-01T02:00:00Z");
  static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

  @TempDir Path tmp;

  private Path drop(Path dir, String name, String text, Instant modified) throws Exception {
    Files.createDirectories(dir);
    Path f = Files.writeString(dir.resolve(name), text);
    Files.setLastModifiedTime(f, FileTime.from(modified));
    return f;
  }

  @Test
  void newReportIsHandedOverOnceAndNotAfterARestart() throws Exception {
    Path dir = tmp.resolve("reports");
    Path state = tmp.resolve("state/watch.state");
    List<ReportWatcher.Report> got = new CopyOnWriteArrayList<>();
    Path f = drop(dir, "dec.txt", A + "\n" + B + "\n", NOW.minusSeconds(60));

    ReportWatcher w = new ReportWatcher(dir, state, Duration.ofSeconds(2), CLOCK, got::add);
    assertThat(w.scanOnce()).containsExactly(new ReportWatcher.Handed(f, List.of(A, B)));
    assertThat(w.scanOnce()).isEmpty();
    assertThat(got).containsExactly(new ReportWatcher.Report(f, List.of(A, B)));

    ReportWatcher restarted = new ReportWatcher(dir, state, Duration.ofSeconds(2), CLOCK, got::add);
    assertThat(restarted.scanOnce()).isEmpty();
    assertThat(got).hasSize(1);

    // the same name written again is a new report
    Files.writeString(f, B + "\n");
    Files.setLastModifiedTime(f, FileTime.from(NOW.minusSeconds(10)));
    assertThat(restarted.scanOnce()).containsExactly(new ReportWatcher.Handed(f, List.of(B)));
    assertThat(got).hasSize(2);
  }

  @Test
  void malformedReportIsRejectedWithFileAndLineAndNoCallback() throws Exception {
    List<ReportWatcher.Report> got = new CopyOnWriteArrayList<>();
    Path f = drop(tmp, "bad.txt", A + "\nnot-a-sha\n", NOW.minusSeconds(60));
    ReportWatcher w = new ReportWatcher(tmp, tmp.resolve(".state"), Duration.ofSeconds(2), CLOCK, got::add);
    assertThat(w.scanOnce()).containsExactly(
        new ReportWatcher.Rejected(f, "bad.txt:2: not a commit id (12 to 40 hex digits): 'not-a-sha'"));
    assertThat(got).isEmpty();
    assertThat(w.scanOnce()).as("not reported again until it changes").isEmpty();
  }

  @Test
  void unsettledHiddenAndTemporaryFilesWait() throws Exception {
    List<ReportWatcher.Report> got = new CopyOnWriteArrayList<>();
    drop(tmp, "fresh.txt", A + "\n", NOW.minusMillis(500));
    drop(tmp, ".hidden", A + "\n", NOW.minusSeconds(60));
    drop(tmp, "upload.part", A + "\n", NOW.minusSeconds(60));
    drop(tmp, "empty.txt", "# none\n", NOW.minusSeconds(60));
    ReportWatcher w = new ReportWatcher(tmp, tmp.resolve(".state"), Duration.ofSeconds(2), CLOCK, got::add);
    assertThat(w.scanOnce()).containsExactly(new ReportWatcher.Empty(tmp.resolve("empty.txt")));
    assertThat(got).isEmpty();

    ReportWatcher later = new ReportWatcher(tmp, tmp.resolve(".state"), Duration.ofSeconds(2),
        Clock.offset(CLOCK, Duration.ofSeconds(5)), got::add);
    assertThat(later.scanOnce()).containsExactly(new ReportWatcher.Handed(tmp.resolve("fresh.txt"), List.of(A)));
  }

  @Test
  void failedCallbackIsRetried() throws Exception {
    drop(tmp, "r.txt", A + "\n", NOW.minusSeconds(60));
    int[] calls = {0};
    ReportWatcher w = new ReportWatcher(tmp, tmp.resolve(".state"), Duration.ZERO, CLOCK, r -> {
      if (calls[0]++ == 0) {
        throw new IllegalStateException("pipeline busy");
      }
    });
    assertThat(w.scanOnce()).containsExactly(new ReportWatcher.CallbackFailed(tmp.resolve("r.txt"), "pipeline busy"));
    assertThat(w.scanOnce()).hasSize(1).first().isInstanceOf(ReportWatcher.Handed.class);
    assertThat(calls[0]).isEqualTo(2);
  }

  /** The loop itself, on the real clock: a file dropped while it waits is picked up. */
  @Test
  void runningWatcherPicksUpADroppedFile() throws Exception {
    Path dir = Files.createDirectories(tmp.resolve("in"));
    java.util.concurrent.LinkedBlockingQueue<ReportWatcher.Report> got = new java.util.concurrent.LinkedBlockingQueue<>();
    ReportWatcher w = new ReportWatcher(dir, tmp.resolve("watch.state"), Duration.ZERO, Clock.systemUTC(), got::add);
    Thread t = w.start(Duration.ofMillis(200));
    try {
      Thread.sleep(100);
      Path staged = Files.writeString(tmp.resolve("staged"), A + "\n");
      Files.move(staged, dir.resolve("report.txt"));
      ReportWatcher.Report r = got.poll(10, TimeUnit.SECONDS);
      assertThat(r).isEqualTo(new ReportWatcher.Report(dir.resolve("report.txt"), List.of(A)));
    } finally {
      w.close();
    }
    t.join(5000);
    assertThat(t.isAlive()).isFalse();
    assertThat(got).isEmpty();
  }
}
