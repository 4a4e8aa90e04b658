package dev.patchflow.backport.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.patchflow.backport.KernelRepo;
import dev.patchflow.backport.ScanWindow;
import dev.patchflow.backport.config.BackportConfig;
import dev.patchflow.backport.config.KernelLineConfig;
import dev.patchflow.config.Secret;
import dev.patchflow.forge.FakeGitHub;
import dev.patchflow.forge.FakeRepo;
import dev.patchflow.forge.GitHubAuth;
import dev.patchflow.forge.GitHubClient;
import dev.patchflow.forge.RecordedRequest;
import dev.patchflow.testing.Corpus;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole pipeline for March 2025 on a test-built kernel repository and a packaging repository
 * holding Photon's real 5.0 tree (SPECS/linux, branch 5.0) on the fake GitHub: real git, real
 * rpmspec, pull requests through the forge client.
 */
class BackportPipelineTest {
  @TempDir static Path tmp;
  static KernelRepo k;
  static FakeGitHub github;
  static FakeRepo photon;
  static BackportConfig config;
  static BackportPipeline.RunResult run;
  static List<String> notes = new ArrayList<>();
  static Path logs;

  @BeforeAll
  static void runMarch() throws Exception {
    k = new KernelRepo(Files.createDirectories(tmp.resolve("k")));
    github = new FakeGitHub();
    github.addToken("t0ken", "backport-bot");
    photon = github.createRepo("vmware", "photon");
    Cmd.publish(Corpus.copyPhoton("5.0-linux-6.1", tmp), tmp, "SPECS/linux", "5.0", photon.url());
    Path rules = tmp.resolve("patch_routing.skills");
    Files.writeString(rules, "# test rules\n" + k.abbrev("ccStableOnly") + "|none|kept out on purpose\n");
    config = config(rules, tmp.resolve("work"));
    logs = tmp.resolve("logs");
    run = pipeline(config).run(options(false), new DirRunLog(logs, Clock.systemUTC(), notes::add));
  }

  @AfterAll
  static void stop() {
    if (github != null) {
      github.close();
    }
  }

  static BackportConfig config(Path rules, Path work) {
    Map<String, String> specs = new LinkedHashMap<>();
    specs.put("base", "linux.spec");
    specs.put("esx", "linux-esx.spec");
    specs.put("rt", "linux-rt.spec");
    KernelLineConfig line = new KernelLineConfig("6.1", "vmware/photon", photon.url(), "5.0", "SPECS/linux", specs, "v6.1",
        "linux-6.1.y", null);
    return new BackportConfig(k.repo.toString(), "master", k.vulns.toString(), null, null, rules == null ? null : rules.toString(),
        null, tmp.resolve("logs").toString(), work.toString(), null, null, null, null, null,
        new BackportConfig.GitHubConfig(github.uri().toString(), Secret.of("t0ken"), null),
        new BackportConfig.ChangelogConfig("Kernel Bot <kbot@example.org>", null), List.of(line));
  }

  static BackportPipeline pipeline(BackportConfig c) {
    GitHubClient client = GitHubClient.builder(GitHubAuth.token(Secret.of("t0ken"))).baseUri(github.uri()).build();
    return new BackportPipeline(c, Path.of(c.workDir()), new PullRequestStep(client), url -> Map.of(), Preflight.NONE,
        Clock.systemUTC());
  }

  static BackportPipeline.Options options(boolean dryRun) {
    return new BackportPipeline.Options(ScanWindow.month(YearMonth.of(2025, 3)), List.of(), null, null, false, false, false,
        false, 0, dryRun);
  }

  static CandidateResult result(String name) {
    return run.results().stream().filter(r -> r.candidate().sha().sha().equals(k.sha.get(name))).findFirst()
        .orElseThrow(() -> new AssertionError(name + " has no result"));
  }

  @Test
  void eachCandidateEndsWithOneStatus() {
    assertThat(result("fixNeeded").outcome().status()).isEqualTo("success");
    assertThat(result("byRecordOnly").outcome().status()).isEqualTo("success");
    assertThat(result("fixStableMarker").outcome()).isInstanceOf(Outcome.AlreadyIntegrated.class);
    assertThat(result("fixStableMarker").outcome().reason()).contains("linux-6.1.y");
    assertThat(result("ccStableOnly").outcome()).isInstanceOf(Outcome.RoutingNone.class);
    assertThat(result("ccStableOnly").outcome().reason()).contains("patch_routing.skills line 2");
    assertThat(result("fixAfterBase").outcome().status()).isEqualTo("not_affected");
    assertThat(result("fixesMissing").outcome().status()).isEqualTo("needs_review");
    assertThat(run.results()).hasSize(11);
  }

  @Test
  void aFixThatDoesNotApplyToTheStableTipIsTestFailedWithItsLog() throws Exception {
    // fs/e10.c was changed upstream (by "plain") before this fix, never on linux-6.1.y
    CandidateResult r = result("specPatchId");
    assertThat(r.outcome()).isInstanceOf(Outcome.TestFailed.class);
    assertThat(r.outcome().reason()).contains("linux-6.1.y").contains("fs/e10.c");
    Path log = r.outcome().artifacts().testLog();
    assertThat(Files.readString(log)).contains("DOES NOT APPLY").contains("fs/e10.c");
    assertThat(photon.headSha("backport/" + k.abbrev("specPatchId"))).isEmpty();
  }

  @Test
  void aSuccessIsPushedWithAPullRequestAndItsSpecsParse() throws Exception {
    CandidateResult r = result("fixNeeded");
    String branch = "backport/" + k.abbrev("fixNeeded");
    assertThat(photon.headSha(branch)).isPresent();
    assertThat(r.specs()).containsExactly("linux.spec", "linux-esx.spec", "linux-rt.spec");
    int n = r.patchNumbers().get(0);
    assertThat(r.patchNumbers()).containsOnly(n);
    assertThat(n).isBetween(100, 199);
    assertThat(r.outcome().artifacts().prUrl()).isNotBlank();

    RecordedRequest create = github.requests().stream()
        .filter(q -> q.method().equals("POST") && q.path().endsWith("/pulls") && q.body().contains(branch))
        .findFirst().orElseThrow();
    JsonNode pr = new ObjectMapper().readTree(create.body());
    assertThat(pr.path("base").asText()).isEqualTo("5.0");
    assertThat(pr.path("head").asText()).isEqualTo(branch);
    assertThat(pr.path("title").asText()).startsWith("[6.1] net: fix b6 refcount");
    assertThat(pr.path("body").asText()).contains(k.sha.get("fixNeeded")).contains("`5.0`")
        .contains("Patch" + n + " in linux.spec, linux-esx.spec, linux-rt.spec").contains("default (all)");

    Path clone = tmp.resolve("check-" + n);
    Cmd.ok(tmp, "git", "clone", "-q", "--branch", branch, photon.url(), clone.toString());
    Path specs = clone.resolve("SPECS/linux");
    String patch = Files.readString(specs.resolve("CVE/0001-net-fix-b6-refcount.patch"));
    assertThat(patch).contains("commit " + k.sha.get("fixNeeded") + " upstream.");
    String message = Cmd.ok(clone, "git", "log", "-1", "--format=%an <%ae>%n%B");
    assertThat(message).startsWith("Kernel Bot <kbot@example.org>").contains(k.sha.get("fixNeeded"))
        .contains("Patch" + n).contains("linux.spec, linux-esx.spec, linux-rt.spec").contains("Kernel 6.1, branch 5.0");
    for (String spec : List.of("linux.spec", "linux-esx.spec", "linux-rt.spec")) {
      String text = Files.readString(specs.resolve(spec));
      assertThat(text).containsPattern("(?m)^Patch" + n + ":\\s+0001-net-fix-b6-refcount\\.patch$");
      assertThat(text).contains("Kernel Bot <kbot@example.org>");
      String parsed = Cmd.ok(specs, "rpmspec", "-P", "--define", "_sourcedir " + specs, "--define", "dist .ph5", spec);
      assertThat(parsed).contains("0001-net-fix-b6-refcount.patch").contains("- net: fix b6 refcount");
    }
  }

  @Test
  void theResultsAreATableAndJsonLines() throws Exception {
    String table = RunReport.table(run);
    assertThat(table).contains("KERNEL").contains("PR_URL").contains(k.abbrev("specPatchId") + "  test_failed")
        .contains("routing_none").contains("already_integrated");
    List<JsonNode> lines = new ArrayList<>();
    for (String l : RunReport.jsonLines(run).split("\n")) {
      lines.add(new ObjectMapper().readTree(l));
    }
    assertThat(lines).hasSize(run.results().size());
    JsonNode ok = lines.stream().filter(j -> j.path("sha").asText().equals(k.sha.get("fixNeeded"))).findFirst().orElseThrow();
    assertThat(ok.path("status").asText()).isEqualTo("success");
    assertThat(ok.path("pr_url").asText()).isNotBlank();
    assertThat(ok.path("patch_file").asText()).endsWith("CVE/0001-net-fix-b6-refcount.patch");
    assertThat(ok.path("test_log").asText()).endsWith("apply-check.log");
    assertThat(notes).anyMatch(n -> n.contains("test_failed"));
    assertThat(Files.readString(logs.resolve(Files.list(logs).findFirst().orElseThrow().getFileName()).resolve("backport.log")))
        .contains("success");
  }

  @Test
  void aDryRunPlansAndWritesNothing() throws Exception {
    Path work = tmp.resolve("dry-work");
    BackportConfig c = config(null, work);
    int branchesBefore = photon.branches("").size();
    int requestsBefore = github.requests().size();
    List<String> said = new ArrayList<>();
    BackportPipeline.RunResult plan = pipeline(c).run(options(true), DirRunLog.echoOnly(said::add));
    CandidateResult r = plan.results().stream().filter(x -> x.candidate().sha().sha().equals(k.sha.get("ccStableOnly")))
        .findFirst().orElseThrow();
    assertThat(r.outcome()).isInstanceOf(Outcome.Planned.class);
    assertThat(r.outcome().reason()).contains("would add Patch").contains("linux.spec");
    assertThat(r.patchNumbers()).hasSize(3);
    assertThat(photon.branches("").size()).isEqualTo(branchesBefore);
    assertThat(github.requests()).hasSize(requestsBefore);
    assertThat(Cmd.ok(work.resolve("packaging/6.1"), "git", "status", "--porcelain")).isEmpty();
    assertThat(work.resolve("apply")).doesNotExist();
  }
}
