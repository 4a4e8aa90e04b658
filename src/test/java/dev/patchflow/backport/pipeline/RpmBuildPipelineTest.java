package dev.patchflow.backport.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.patchflow.backport.KernelRepo;
import dev.patchflow.backport.ScanWindow;
import dev.patchflow.backport.config.BackportConfig;
import dev.patchflow.backport.config.KernelLineConfig;
import dev.patchflow.config.Secret;
import dev.patchflow.forge.FakeGitHub;
import dev.patchflow.forge.FakeRepo;
import dev.patchflow.forge.GitHubAuth;
import dev.patchflow.forge.GitHubClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.YearMonth;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * --enable-build through the real rpmbuild on two tiny specs of our own: one that builds, one
 * whose %build fails. A backport routed to the first succeeds and is pushed; one routed to both
 * is build_failed, keeps both logs, and pushes nothing.
 */
class RpmBuildPipelineTest {
  @TempDir static Path tmp;
  static KernelRepo k;
  static FakeGitHub github;
  static FakeRepo packaging;
  static BackportPipeline.RunResult run;

  @BeforeAll
  static void runWithBuilds() throws Exception {
    k = new KernelRepo(Files.createDirectories(tmp.resolve("k")));
    github = new FakeGitHub();
    github.addToken("t0ken", "backport-bot");
    packaging = github.createRepo("tiny", "kernel");
    Path tree = Files.createDirectories(tmp.resolve("tree"));
    Files.writeString(tree.resolve("linux.spec"), TinySpecs.spec("tiny-linux", "true"));
    Files.writeString(tree.resolve("linux-esx.spec"), TinySpecs.spec("tiny-linux-esx", "echo esx build breaks; exit 1"));
    Cmd.publish(tree, tmp, "SPECS/tiny", "tiny-6.1", packaging.url());
    Path rules = tmp.resolve("rules");
    Files.writeString(rules, String.join("\n", k.abbrev("fixNeeded") + "|base|builds",
        k.abbrev("ccStableOnly") + "|base,esx|esx breaks", k.abbrev("byRecordOnly") + "|none|-",
        k.abbrev("fixInSpec") + "|none|-", k.abbrev("specPatchId") + "|none|-") + "\n");
    Map<String, String> specs = new LinkedHashMap<>();
    specs.put("base", "linux.spec");
    specs.put("esx", "linux-esx.spec");
    KernelLineConfig line = new KernelLineConfig("6.1", "tiny/kernel", packaging.url(), "tiny-6.1", "SPECS/tiny", specs, null,
        "linux-6.1.y", null);
    BackportConfig c = new BackportConfig(k.repo.toString(), "master", null, null, null, rules.toString(), null, null,
        tmp.resolve("work").toString(), null, null, null, null, null, null,
        new BackportConfig.ChangelogConfig("Kernel Bot <kbot@example.org>", "Backport {sha12}: {subject}"), List.of(line));
    GitHubClient client = GitHubClient.builder(GitHubAuth.token(Secret.of("t0ken"))).baseUri(github.uri()).build();
    run = new BackportPipeline(c, tmp.resolve("work"), new PullRequestStep(client), url -> Map.of(), Preflight.NONE,
        Clock.systemUTC()).run(new BackportPipeline.Options(ScanWindow.month(YearMonth.of(2025, 3)), List.of("6.1"), null,
            null, false, true, false, true, 0, false), new DirRunLog(tmp.resolve("logs"), Clock.systemUTC(), l -> { }));
  }

  @AfterAll
  static void stop() {
    if (github != null) {
      github.close();
    }
  }

  static CandidateResult result(String name) {
    return run.results().stream().filter(r -> r.candidate().sha().sha().equals(k.sha.get(name))).findFirst().orElseThrow();
  }

  @Test
  void aSpecThatBuildsIsPushedWithItsBuildLog() throws Exception {
    CandidateResult r = result("fixNeeded");
    assertThat(r.outcome()).isInstanceOf(Outcome.Success.class);
    assertThat(r.specs()).containsExactly("linux.spec");
    assertThat(r.outcome().artifacts().buildLogs()).singleElement().satisfies(log -> {
      assertThat(log.getFileName().toString()).isEqualTo("build-linux.log");
      assertThat(Files.readString(log)).contains("rpmbuild -bb").contains("0001-net-fix-b6-refcount.patch")
          .contains("tiny-linux-6.1.10-2.noarch.rpm");
    });
    assertThat(r.outcome().artifacts().prUrl()).isNotBlank();
    assertThat(packaging.headSha("backport/" + k.abbrev("fixNeeded"))).isPresent();
  }

  @Test
  void aSpecThatFailsToBuildKeepsItsLogAndPushesNothing() throws Exception {
    CandidateResult r = result("ccStableOnly");
    assertThat(r.outcome()).isInstanceOf(Outcome.BuildFailed.class);
    assertThat(r.outcome().reason()).contains("linux-esx.spec").contains("not pushed");
    List<Path> logs = r.outcome().artifacts().buildLogs();
    assertThat(logs).extracting(p -> p.getFileName().toString()).containsExactly("build-linux.log", "build-linux-esx.log");
    assertThat(Files.readString(logs.get(1))).contains("esx build breaks").contains("rpmbuild exited with 1");
    assertThat(r.outcome().artifacts().prUrl()).isNull();
    assertThat(packaging.headSha("backport/" + k.abbrev("ccStableOnly"))).isEmpty();
    assertThat(github.requests()).noneMatch(q -> q.method().equals("POST") && q.body().contains(k.abbrev("ccStableOnly")));
  }

  @Test
  void theChangelogFollowsTheConfiguredTemplate() throws Exception {
    Path clone = tmp.resolve("check");
    Cmd.ok(tmp, "git", "clone", "-q", "--branch", "backport/" + k.abbrev("fixNeeded"), packaging.url(), clone.toString());
    String spec = Files.readString(clone.resolve("SPECS/tiny/linux.spec"));
    assertThat(spec).contains("- Backport " + k.abbrev("fixNeeded") + ": net: fix b6 refcount")
        .containsPattern("(?m)^Release:\\s+2%\\{\\?dist}$").contains("Patch100: 0001-net-fix-b6-refcount.patch");
  }
}
