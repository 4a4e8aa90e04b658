package dev.patchflow.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.patchflow.backport.KernelRepo;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code patchflow backport scan} on a small kernel-like repository. */
class BackportScanCommandTest {
  @TempDir static Path tmp;
  static KernelRepo k;

  @BeforeAll
  static void repo() throws Exception {
    k = new KernelRepo(tmp);
  }

  @Test
  void printsCandidatesWithAVerdictPerLineAndWritesJsonLines() throws Exception {
    Path json = tmp.resolve("scan.jsonl");
    CliRun r = CliRun.of("backport", "scan", "--upstream", k.repo.toString(), "--rev", "master", "--month", "2025-03",
        "--cve-dir", k.vulns.toString(),
        "--kernel", "6.1", "--stable-branch", "linux-6.1.y", "--spec-dir", k.spec.toString(),
        "--kernel", "6.12", "--base-tag", "v6.12", "--json", json.toString());
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out()).contains("11 candidates in 12 commits")
        .contains("line 6.1: base v6.1, stable linux-6.1.y, shipped 6.1.10, 3 needed")
        .contains("line 6.12: base v6.12, 9 needed")
        .contains(k.abbrev("fixNeeded") + " 2025-03-07 net: fix b6 refcount\n  why: fixes  Fixes: " + k.sha.get("bug2") + "\n  no CVE record\n")
        .contains("  CVE-2025-99001: 7.8 HIGH - drivers: tidy c8 bounds")
        .contains("  6.1: already_integrated - spec patch CVE/0001-io_uring-fix-d5-speculation.patch (names the commit)");
    assertThat(Files.readAllLines(json)).hasSize(11).allSatisfy(l -> assertThat(l).startsWith("{\"sha\":\""));
  }

  @Test
  void sinceUntilLimitAndSkipReview() {
    CliRun r = CliRun.of("backport", "scan", "--upstream", k.repo.toString(), "--rev", "master", "--since", "2025-03-02",
        "--until", "2025-03-03", "--skip-review", "--kernel", "6.1");
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out()).contains("2 candidates in 2 commits").doesNotContain("CVE record");
    CliRun limited = CliRun.of("backport", "scan", "--upstream", k.repo.toString(), "--rev", "master", "--month", "2025-03",
        "--limit", "1");
    assertThat(limited.out()).contains("1 candidates in 12 commits");
  }

  @Test
  void aMissingBaseTagOrABadWindowIsTheUsersMistake() {
    CliRun r = CliRun.of("backport", "scan", "--upstream", k.repo.toString(), "--month", "2025-03", "--kernel", "5.10");
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).contains("base tag v5.10 of 5.10 is not in");
    CliRun bad = CliRun.of("backport", "scan", "--upstream", k.repo.toString(), "--month", "March");
    assertThat(bad.code()).isEqualTo(2);
    assertThat(bad.err()).contains("window:");
  }
}
