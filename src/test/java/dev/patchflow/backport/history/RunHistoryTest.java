package dev.patchflow.backport.history;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunHistoryTest {
  @TempDir Path tmp;
  Path logs;
  RunHistory history;

  static final String SHA = "0123456789abcdef0123456789abcdef01234567";
  static final String SUCCESS = "{\"kernel\":\"6.1\",\"sha\":\"" + SHA + "\",\"subject\":\"net: fix a leak\","
      + "\"status\":\"success\",\"reason\":\"Fixes: target reachable\",\"route\":\"net\",\"specs\":[\"linux.spec\","
      + "\"linux-esx.spec\"],\"patch_numbers\":[512,513],\"cves\":[\"CVE-2026-0001\"],\"patch_file\":\"0001-net.patch\","
      + "\"build_logs\":[],\"test_log\":null,\"pr_url\":\"https://github.com/o/r/pull/7\",\"later_field\":{\"x\":1}}";
  static final String FAILED = "{\"kernel\":\"5.10\",\"sha\":\"fedcba9876543210\",\"subject\":\"mm: x\","
      + "\"status\":\"build_failed\",\"reason\":\"rpmbuild exit 1\"}";

  @BeforeEach
  void setUp() throws Exception {
    logs = tmp.resolve("logs");
    Files.createDirectories(logs);
    history = new RunHistory(logs);
  }

  private Path run(String name, String... lines) throws Exception {
    Path dir = Files.createDirectories(logs.resolve(name));
    Files.writeString(dir.resolve("backport.log"), "2026-12-01T02:00:00Z start\n");
    if (lines.length > 0) {
      Files.writeString(dir.resolve("results.jsonl"), String.join("\n", lines) + "\n");
    }
    return dir;
  }

  @Test
  void listsRunFoldersNewestFirstWithCountsAndKernels() throws Exception {
    run("run-20261130-020000", SUCCESS);
    run("run-20261201-020000", SUCCESS, FAILED, SUCCESS.replace("6.1", "6.6").replace("success", "routing_none"));
    run("run-20261202-020000");
    Files.createDirectories(logs.resolve("run-latest"));
    Files.createDirectories(logs.resolve("run-20261399-020000"));
    Files.createDirectories(logs.resolve("other-20261203-020000"));
    Files.writeString(logs.resolve("run-20261204-020000"), "a file, not a folder");
    Files.writeString(logs.resolve("summary.log"), "");

    List<Run> runs = history.runs(10);

    assertThat(runs).extracting(Run::id).containsExactly("run-20261202-020000", "run-20261201-020000",
        "run-20261130-020000");
    assertThat(runs.get(0).resultsMissing()).isTrue();
    assertThat(runs.get(0).start()).isEqualTo(Instant.parse("2026-12-02T02:00:00Z"));
    Run middle = runs.get(1);
    assertThat(middle.resultsMissing()).isFalse();
    assertThat(middle.counts()).containsExactly(Map.entry("success", 1), Map.entry("build_failed", 1),
        Map.entry("routing_none", 1));
    assertThat(middle.kernels()).containsExactly("6.1", "5.10", "6.6");
    assertThat(history.runs(1)).extracting(Run::id).containsExactly("run-20261202-020000");
  }

  @Test
  void noLogDirectoryMeansNoRuns() {
    assertThat(new RunHistory(tmp.resolve("absent")).runs(10)).isEmpty();
    assertThat(new RunHistory(tmp.resolve("absent")).run("run-20261201-020000")).isEmpty();
  }

  @Test
  void readsRecordsToleratingUnknownFieldsAndReportsBadLines() throws Exception {
    run("run-20261201-020000", SUCCESS, "not json at all", "", "[1,2]", "{\"kernel\":\"6.1\",\"status\":\"success\"}",
        FAILED, "{\"kernel\":\"6.1\",\"sha\":\"abc\",\"status\":\"weird_new_status\",\"specs\":\"one.spec\"}");

    Run run = history.run("run-20261201-020000").orElseThrow();

    assertThat(run.records()).hasSize(3);
    RunRecord r = run.records().get(0);
    assertThat(r.kernel()).isEqualTo("6.1");
    assertThat(r.sha12()).isEqualTo("0123456789ab");
    assertThat(r.subject()).isEqualTo("net: fix a leak");
    assertThat(r.specs()).containsExactly("linux.spec", "linux-esx.spec");
    assertThat(r.patchNumbers()).containsExactly("512", "513");
    assertThat(r.cves()).containsExactly("CVE-2026-0001");
    assertThat(r.testLog()).isNull();
    assertThat(r.prLink()).isEqualTo("https://github.com/o/r/pull/7");
    RunRecord f = run.records().get(1);
    assertThat(f.status()).isEqualTo("build_failed");
    assertThat(f.specs()).isEmpty();
    assertThat(f.prUrl()).isNull();
    assertThat(f.prLink()).isNull();
    assertThat(run.records().get(2).status()).isEqualTo("weird_new_status");
    assertThat(run.records().get(2).sha12()).isEqualTo("abc");
    assertThat(run.records().get(2).specs()).containsExactly("one.spec");
    assertThat(run.badLines()).extracting(Run.BadLine::number).containsExactly(2, 4, 5);
    assertThat(run.badLines().get(0).problem()).startsWith("not JSON");
    assertThat(run.badLines().get(1).problem()).isEqualTo("not a JSON object");
    assertThat(run.badLines().get(2).problem()).isEqualTo("no \"sha\"");
  }

  @Test
  void onlyHttpAndHttpsPullRequestsAreLinks() {
    assertThat(pr("http://example.org/pull/1")).isEqualTo("http://example.org/pull/1");
    assertThat(pr("HTTPS://example.org/pull/1")).isEqualTo("HTTPS://example.org/pull/1");
    assertThat(pr("javascript:alert(1)")).isNull();
    assertThat(pr("data:text/html,<script>alert(1)</script>")).isNull();
    assertThat(pr("//example.org/pull/1")).isNull();
    assertThat(pr("https:///no-host")).isNull();
    assertThat(pr("not a url")).isNull();
  }

  private static String pr(String url) {
    return new RunRecord("6.1", SHA, "", "success", "", "", List.of(), List.of(), List.of(), null, List.of(), null, url)
        .prLink();
  }

  @Test
  void unknownRunIdsAreNotRuns() throws Exception {
    run("run-20261201-020000", SUCCESS);
    Files.createDirectories(tmp.resolve("elsewhere"));
    assertThat(history.run("run-20261201-020000")).isPresent();
    for (String id : List.of("run-20261201-020001", "../logs/run-20261201-020000", "run-20261201-020000/",
        "..", ".", "", "summary.log", "/etc")) {
      assertThat(history.run(id)).as(id).isEmpty();
      assertThat(history.file(id, "backport.log")).as(id).isEmpty();
    }
    assertThat(history.run(null)).isEmpty();
  }

  @Test
  void resolvesFilesInsideARunFolder() throws Exception {
    Path dir = run("run-20261201-020000", SUCCESS);
    Path candidate = Files.createDirectories(dir.resolve("6.1").resolve("0123456789ab"));
    Files.writeString(candidate.resolve("apply-check.log"), "applies\n");
    Files.writeString(candidate.resolve("build-linux.log"), "built\n");
    Files.createDirectories(candidate.resolve("subdir"));

    assertThat(history.file("run-20261201-020000", "backport.log")).isPresent();
    assertThat(history.file("run-20261201-020000", "6.1/0123456789ab/apply-check.log").orElseThrow())
        .hasContent("applies");
    assertThat(history.file("run-20261201-020000", "6.1/0123456789ab")).isEmpty();
    assertThat(history.file("run-20261201-020000", "6.1/0123456789ab/subdir")).isEmpty();
    assertThat(history.file("run-20261201-020000", "6.1/0123456789ab/missing.log")).isEmpty();
    Run run = history.run("run-20261201-020000").orElseThrow();
    assertThat(history.logs(run.id(), run.records().get(0))).containsExactly("6.1/0123456789ab/apply-check.log",
        "6.1/0123456789ab/build-linux.log");
    assertThat(history.runFiles(run.id())).containsExactly("backport.log", "results.jsonl");
  }

  @Test
  void refusesTraversalAndAbsolutePaths() throws Exception {
    Path dir = run("run-20261201-020000", SUCCESS);
    run("run-20261130-020000", FAILED);
    Files.createDirectories(dir.resolve("6.1"));
    Path secret = Files.writeString(tmp.resolve("secret.txt"), "secret");
    Files.writeString(logs.resolve("summary.log"), "");

    for (String rel : List.of("../summary.log", "../../secret.txt", "../run-20261130-020000/results.jsonl",
        "6.1/../../summary.log", "6.1/../backport.log", "./backport.log", "6.1//../backport.log", "6.1/",
        secret.toString(), "/etc/passwd", "..", ".", "", "..\\summary.log", "backport.log\0", "%2e%2e/summary.log")) {
      assertThat(history.file("run-20261201-020000", rel)).as(rel).isEmpty();
      assertThat(history.read("run-20261201-020000", rel, 1000)).as(rel).isEmpty();
    }
    assertThat(history.file("run-20261201-020000", null)).isEmpty();
  }

  @Test
  void refusesSymlinksThatLeadOutOfTheRunFolder() throws Exception {
    Path dir = run("run-20261201-020000", SUCCESS);
    Path secret = Files.writeString(tmp.resolve("secret.txt"), "secret");
    Path outside = Files.createDirectories(tmp.resolve("outside"));
    Files.writeString(outside.resolve("apply-check.log"), "outside");
    Files.createDirectories(dir.resolve("6.1"));
    Files.createSymbolicLink(dir.resolve("leak.log"), secret);
    Files.createSymbolicLink(dir.resolve("relative-leak.log"), Path.of("../../secret.txt"));
    Files.createSymbolicLink(dir.resolve("6.1").resolve("0123456789ab"), outside);
    Files.createSymbolicLink(dir.resolve("same-run.log"), Path.of("backport.log"));
    // a run folder that is itself a link elsewhere is not a run
    Files.createSymbolicLink(logs.resolve("run-20261202-020000"), outside);

    assertThat(history.file("run-20261201-020000", "leak.log")).isEmpty();
    assertThat(history.file("run-20261201-020000", "relative-leak.log")).isEmpty();
    assertThat(history.file("run-20261201-020000", "6.1/0123456789ab/apply-check.log")).isEmpty();
    assertThat(history.logs("run-20261201-020000", history.run("run-20261201-020000").orElseThrow().records().get(0)))
        .isEmpty();
    assertThat(history.runFiles("run-20261201-020000")).containsExactly("backport.log", "results.jsonl",
        "same-run.log");
    assertThat(history.file("run-20261201-020000", "same-run.log")).isPresent();
    assertThat(history.run("run-20261202-020000")).isEmpty();
    assertThat(history.file("run-20261202-020000", "apply-check.log")).isEmpty();
    assertThat(history.runs(10)).extracting(Run::id).containsExactly("run-20261201-020000");
  }

  @Test
  void readsTheTailOfALargeFile() throws Exception {
    Path dir = run("run-20261201-020000", SUCCESS);
    Files.writeString(dir.resolve("small.log"), "all of it\n");
    // "é" is two bytes: a cut at an odd offset lands inside one
    Files.writeString(dir.resolve("big.log"), "head\n" + "é".repeat(100) + "end\n", StandardCharsets.UTF_8);

    RunHistory.Text small = history.read("run-20261201-020000", "small.log", 100).orElseThrow();
    assertThat(small.text()).isEqualTo("all of it\n");
    assertThat(small.truncated()).isFalse();
    RunHistory.Text big = history.read("run-20261201-020000", "big.log", 11).orElseThrow();
    assertThat(big.truncated()).isTrue();
    assertThat(big.size()).isEqualTo(5 + 200 + 4);
    assertThat(big.text()).isEqualTo("ééé" + "end\n");
    assertThat(history.read("run-20261201-020000", "big.log", 10).orElseThrow().text()).isEqualTo("ééé" + "end\n");
  }
}
