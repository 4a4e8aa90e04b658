package dev.patchflow.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.patchflow.backport.KernelRepo;
import dev.patchflow.backport.pipeline.TinySpecs;
import dev.patchflow.forge.FakeGitHub;
import dev.patchflow.forge.FakeRepo;
import dev.patchflow.testing.Sh;
import java.io.PrintWriter;
import java.io.StringWriter;
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
  static KernelRepo k;
  static FakeGitHub github;
  static FakeRepo photon;
  static Path install;
  static Path runNowLogs;

  @BeforeAll
  static void setUp() throws Exception {
    k = new KernelRepo(Files.createDirectories(tmp.resolve("k")));
    github = new FakeGitHub();
    github.addToken("t0ken", "backport-bot");
    photon = github.createRepo("example", "photon");
    Path tree = Files.createDirectories(tmp.resolve("pkg/SPECS/tiny"));
    Files.writeString(tree.resolve("linux.spec"), TinySpecs.spec("tiny-linux", "true"));
    Sh.git(tmp.resolve("pkg"), "init", "-q", "-b", "5.0");
    Sh.git(tmp.resolve("pkg"), "add", "-A");
    Sh.git(tmp.resolve("pkg"), "commit", "-q", "-m", "tree");
    Sh.git(tmp.resolve("pkg"), "push", "-q", photon.url(), "5.0");
    install = tmp.resolve("opt");
    runNowLogs = tmp.resolve("var-log");
  }

  @AfterAll
  static void stop() {
    if (github != null) {
      github.close();
    }
  }

  private static Path config(String name, String extra) throws Exception {
    Path c = tmp.resolve(name + ".yaml");
    Files.writeString(c, """
        backport:
          upstream: %s
          upstream_rev: master
          log_dir: %s
          work_dir: %s
        %s  github: {api_url: "%s", token: t0ken}
          changelog: {author: "Kernel Bot <kbot@example.org>"}
          kernels:
            - kernel: "6.1"
              repo: example/photon
              git_url: %s
              branch: "5.0"
              spec_dir: SPECS/tiny
              specs: {base: linux.spec}
              stable_branch: linux-6.1.y
        """.formatted(k.repo, tmp.resolve(name + "-runs"), tmp.resolve(name + "-work"), extra, github.uri(), photon.url()));
    return c;
  }

  private static String runNow(Path config) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Main.run(new PrintWriter(out, true), new PrintWriter(err, true), "backport", "install", "--config",
        config.toString(), "--install-dir", install.toString(), "--log-dir", runNowLogs.toString(), "--no-cron",
        "--kernels", "6.1");
    assertThat(code).as(err.toString()).isZero();
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
    assertThat(github.requests()).filteredOn(q -> q.method().equals("POST") && q.path().endsWith("/pulls")).hasSize(3);
    assertThat(photon.branches("backport/")).hasSize(3);
    // under run-now the command leaves the summary to the script
    assertThat(tmp.resolve("night-runs/summary.log")).doesNotExist();
  }

  @Test
  void anUnreachableHostIsAFailedLineAndExitZero() throws Exception {
    runNow(config("offline", "  network: {hosts: [\"127.0.0.1:1\"], timeout_seconds: 1, retries: 1}\n"));
    List<String> summary = Files.readAllLines(runNowLogs.resolve("summary.log"));
    assertThat(summary.get(summary.size() - 1)).contains(" FAILED: network unavailable (127.0.0.1:1: ");
  }
}
