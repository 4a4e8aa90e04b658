package dev.patchflow.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.patchflow.backport.KernelRepo;
import dev.patchflow.backport.history.Run;
import dev.patchflow.backport.history.RunHistory;
import dev.patchflow.backport.history.RunRecord;
import dev.patchflow.config.ConfigLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code patchflow backport} with no subcommand: the pipeline from the config's backport: section. */
class BackportCommandTest {
  @TempDir static Path tmp;
  static BackportWorld world;
  static KernelRepo k;
  static Path config;
  static Path logs;

  @BeforeAll
  static void setUp() throws Exception {
    world = new BackportWorld(tmp);
    k = world.k;
    config = world.config("cmd", "");
    logs = world.runs("cmd");
  }

  @AfterAll
  static void stop() {
    if (world != null) {
      world.close();
    }
  }

  @Test
  void aDryRunPrintsThePlanAndWritesNothing() throws Exception {
    List<Path> before = Files.exists(logs) ? Files.list(logs).toList() : List.of();
    CliRun r = CliRun.of("backport", "--config", config.toString(), "--month", "2025-03", "--dry-run");
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out()).contains("dry run: nothing written")
        .contains(k.abbrev("fixNeeded") + "  planned")
        .contains("would add Patch100 in linux.spec (0001-net-fix-b6-refcount.patch) on backport/" + k.abbrev("fixNeeded"))
        .contains("already_integrated");
    // without --skip-review each candidate shows its CVE review (this config has no CVE records)
    assertThat(r.out()).contains("    review: CVE-2025-12345: no CVE record\n").contains("    review: no CVE record\n");
    assertThat(Files.exists(logs) ? Files.list(logs).toList() : List.of()).isEqualTo(before);
  }

  @Test
  void aRunWithSkipPushCommitsAndWritesJsonLines() throws Exception {
    Path json = tmp.resolve("out.jsonl");
    CliRun r = CliRun.of("backport", "--config", config.toString(), "--month", "2025-03", "--kernel", "6.1", "--skip-push",
        "--skip-review", "--json", json.toString());
    assertThat(r.code()).as(r.err() + r.out()).isZero();
    assertThat(r.out()).contains(k.abbrev("fixNeeded") + "  success").contains("not pushed: --skip-push")
        .contains("test_failed").doesNotContain("review:");
    assertThat(r.out()).containsPattern("(?m)^backport-counts: test_failed=1 needs_review=2 success=3 not_affected=1 already_integrated=3$");
    assertThat(Files.readAllLines(logs.resolve("summary.log"))).last().asString()
        .matches("\\S+ run \\d{8}T\\d{6}Z COMPLETED: test_failed=1 needs_review=2 success=3 not_affected=1 already_integrated=3");
    assertThat(Files.readAllLines(json)).anySatisfy(l -> assertThat(l).contains("\"status\":\"success\"")
        .contains("\"patch_file\":\"SPECS/tiny/CVE/0001-"));
    assertThat(Files.list(logs).toList()).anySatisfy(d -> assertThat(d.resolve("backport.log")).exists());
  }

  @Test
  void sinceAndUntilChooseTheDays() {
    CliRun r = CliRun.of("backport", "--config", config.toString(), "--since", "2025-03-07", "--until", "2025-03-08", "--dry-run");
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out()).contains("2 results from 2 upstream commits").contains(k.abbrev("fixNeeded"))
        .contains(k.abbrev("ccStableOnly"));
    assertThat(CliRun.of("backport", "--config", config.toString(), "--since", "2025-03-07", "--dry-run").err())
        .contains("--since and --until go together");
    assertThat(CliRun.of("backport", "--config", config.toString(), "--since", "2025-03-09", "--until", "2025-03-01",
        "--dry-run").err()).contains("--since/--until: empty window");
  }

  @Test
  void withoutABackportSectionItSaysSo() throws Exception {
    Path empty = tmp.resolve("empty.yaml");
    Files.writeString(empty, "server: {port: 0}\n");
    CliRun r = CliRun.of("backport", "--config", empty.toString(), "--dry-run");
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).contains("no backport: section");
    assertThat(CliRun.of("backport", "scan", "--help").code()).isZero();
  }

  @Test
  void anUnreachableHostEndsTheRunQuietlyWithTheReason() throws Exception {
    // port 1 on loopback: refused at once, no waiting on a timeout
    Path down = world.config("down", "  network: {hosts: [\"127.0.0.1:1\"], timeout_seconds: 2, retries: 1}\n");
    Path downLogs = world.runs("down");
    CliRun r = CliRun.of("backport", "--config", down.toString(), "--month", "2025-03", "--skip-push");
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out()).startsWith("backport-failed: network unavailable (127.0.0.1:1: ").doesNotContain("success");
    assertThat(Files.readAllLines(downLogs.resolve("summary.log"))).singleElement().asString()
        .contains(" FAILED: network unavailable (127.0.0.1:1");
    // the run's folder says why it stopped, for the status page; nothing else was written
    try (java.util.stream.Stream<Path> runs = Files.list(downLogs).filter(f -> f.getFileName().toString().startsWith("run-"))) {
      Path run = runs.findFirst().orElseThrow();
      assertThat(Files.readString(run.resolve("backport.log"))).contains("not running: network unavailable");
      assertThat(run.resolve("results.jsonl")).doesNotExist();
    }
  }

  @Test
  void aRunWhileAnotherHoldsTheLockIsSkipped() throws Exception {
    Path lockLogs = world.runs("lock");
    Path cfg = world.config("lock", "");
    try (var held = new dev.patchflow.backport.RunLogFiles(lockLogs).tryLock().orElseThrow()) {
      CliRun r = CliRun.of("backport", "--config", cfg.toString(), "--month", "2025-03", "--skip-push");
      assertThat(r.code()).as(r.err()).isZero();
      assertThat(r.out()).isEqualTo("backport-skipped: another run holds the lock\n");
    }
    assertThat(Files.readString(lockLogs.resolve("summary.log"))).contains(" SKIPPED: another run holds the lock");
  }

  @Test
  void listedCommitsAreTheCandidatesWhateverTheirMonth() throws Exception {
    Path report = tmp.resolve("report.txt");
    Files.writeString(report, "# from the security team\n" + k.sha.get("late") + "   # April\n");
    CliRun r = CliRun.of("backport", "--config", config.toString(), "--commit", k.abbrev("fixNeeded"), "--commits",
        report.toString(), "--dry-run");
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out()).contains("2 results from 2 upstream commits")
        .contains(k.abbrev("fixNeeded") + "  planned").contains(k.abbrev("late") + "  planned")
        .doesNotContain(k.abbrev("fixStableMarker"));

    CliRun unknown = CliRun.of("backport", "--config", config.toString(), "--commit", "0123456789abcdef0123", "--dry-run");
    assertThat(unknown.code()).isEqualTo(2);
    assertThat(unknown.err()).contains("not commits of the upstream repository: 0123456789abcdef0123");

    Files.writeString(report, "late\n");
    CliRun bad = CliRun.of("backport", "--config", config.toString(), "--commits", report.toString(), "--dry-run");
    assertThat(bad.code()).isEqualTo(2);
    assertThat(bad.err()).contains("--commits: " + report + ":1: ");
    assertThat(CliRun.of("backport", "--config", config.toString(), "--commit", k.abbrev("late"), "--month", "2025-03")
        .err()).contains("--month/--since and --commit/--commits: give one");
  }

  /** What a run leaves in its folder is what the web UI's status page reads. */
  @Test
  void theStatusPageReadsWhatARunLeaves() throws Exception {
    Path own = world.config("page", "");
    CliRun r = CliRun.of("backport", "--config", own.toString(), "--month", "2025-03", "--kernel", "6.1", "--skip-push",
        "--skip-review");
    assertThat(r.code()).as(r.err() + r.out()).isZero();

    RunHistory history = new RunHistory(BackportRuns.logDir(
        ConfigLoader.load(own, true, System::getenv).backport(), tmp.resolve("unused-home")));
    List<Run> runs = history.runs(10);
    assertThat(runs).hasSize(1);
    Run run = runs.get(0);
    assertThat(run.resultsMissing()).isFalse();
    assertThat(run.badLines()).isEmpty();
    assertThat(run.kernels()).containsExactly("6.1");
    assertThat(run.counts()).containsKeys("success", "test_failed");
    RunRecord ok = run.records().stream().filter(x -> x.sha12().equals(k.abbrev("fixNeeded"))).findFirst()
        .orElseThrow();
    assertThat(ok.status()).isEqualTo("success");
    assertThat(ok.specs()).containsExactly("linux.spec");
    assertThat(history.logs(run.id(), ok)).contains("6.1/" + ok.sha12() + "/apply-check.log");
    assertThat(history.file(run.id(), "6.1/" + ok.sha12() + "/apply-check.log")).isPresent();
    assertThat(history.runFiles(run.id())).contains("backport.log", "results.jsonl");
  }
}
