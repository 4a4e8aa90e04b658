package dev.patchflow.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.patchflow.backport.SpecRepo;
import dev.patchflow.testing.Corpus;
import dev.patchflow.testing.Sh;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code patchflow backport spec2git} as a user types it. */
class BackportSpec2gitCommandTest {
  @TempDir Path tmp;

  @Test
  void listsPhotonsEsxStackWithThePatchItNeverApplies() {
    Path dir = Corpus.photon("5.0-linux-6.1");
    CliRun r = CliRun.of("backport", "spec2git", "--kernel", "6.1", "--spec-dir", dir.toString(), "--flavour", "esx", "--list");
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out()).startsWith("linux-esx 6.1.138 (rpmspec -P, x86_64): 121 patches applied, 121 to the source tree\n")
        .containsPattern("\\n\\s+1  Patch0\\s+1  common\\s+confdata-format-change-for-split-script.patch\\n")
        .containsPattern("Patch105\\s+1  CVE\\s+0001-io_uring-prevent-opcode-speculation.patch")
        .endsWith("declared but never applied (1):\n  Patch514: speedup-algos-registration-in-non-fips-mode.patch\n");

    CliRun wrongLine = CliRun.of("backport", "spec2git", "--kernel", "6.12", "--spec", dir.resolve("linux.spec").toString(), "--list");
    assertThat(wrongLine.code()).isEqualTo(2);
    assertThat(wrongLine.err()).contains("--kernel 6.12: ").contains("is for 6.1.138");
  }

  @Test
  void makesTheBranchAndNamesThePatchThatFails() throws Exception {
    SpecRepo repo = new SpecRepo(tmp);
    CliRun r = CliRun.of("backport", "spec2git", "--spec", repo.spec.toString(), "--source", repo.linux.toString());
    assertThat(r.code()).isEqualTo(1);
    assertThat(r.out()).containsPattern("Patch100 \\(" + SpecRepo.MAIL + "\\): [0-9a-f]{12} \\(git am\\)\n"
        + "Patch101 \\(" + SpecRepo.PLAIN + "\\): [0-9a-f]{12} \\(git apply\\)\n");
    String head = Sh.git(repo.linux, "rev-parse", "spec2git/linux-1.0.1").strip();
    assertThat(r.err()).contains("patchflow: Patch102 (broken.patch) does not apply: git apply -p1: ")
        .contains("branch spec2git/linux-1.0.1 left at " + head + " (after Patch101 (" + SpecRepo.PLAIN + "))")
        .contains("--start-from-patch 102")
        .contains("warning: Patch103 (declared-only.patch) is declared but %prep never applies it");

    CliRun stop = CliRun.of("backport", "spec2git", "--spec", repo.spec.toString(), "--source", repo.linux.toString(),
        "--branch", "review", "--base", "v1.0.1", "--stop-before-patch", "Patch101");
    assertThat(stop.code()).as(stop.err()).isZero();
    assertThat(stop.out()).containsPattern("branch review at [0-9a-f]{40}: 1 commits, 1 patches; stopped before Patch101 \\(");
    assertThat(Sh.git(repo.linux, "log", "--format=%s", "v1.0.1..review")).isEqualTo("fork: guard clone flags\n");

    CliRun again = CliRun.of("backport", "spec2git", "--spec", repo.spec.toString(), "--source", repo.linux.toString(),
        "--branch", "review", "--stop-before-patch", "x1");
    assertThat(again.code()).isEqualTo(2);
    assertThat(again.err()).contains("--stop-before-patch: want PatchN or N, got x1");
  }
}
