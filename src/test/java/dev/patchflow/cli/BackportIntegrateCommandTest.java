package dev.patchflow.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.patchflow.testing.Corpus;
import dev.patchflow.testing.RpmSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code patchflow backport integrate} on a copy of Photon's 6.1 tree. */
class BackportIntegrateCommandTest {
  static final String SHA = "2f3bc5e9d1b3c0c1a8f6b9a3b4c5d6e7f8a9b0c1";
  static final String PATCH = "From " + SHA + " Mon Sep 17 00:00:00 2001\n"
      + "From: A Developer <dev@example.org>\n"
      + "Date: Tue, 4 Mar 2025 10:00:00 +0100\n"
      + "Subject: [PATCH] net: sched: fix use-after-free in\n"
      + " tc_dump_qdisc (again)\n"
      + "\n"
      + "Keep the reference until the dump is done.\n"
      + "\n"
      + "Fixes: 0123456789ab (\"net: sched: dump qdiscs\")\n"
      + "Signed-off-by: A Developer <dev@example.org>\n"
      + "---\n"
      + " net/sched/sch_api.c | 1 +\n"
      + " 1 file changed, 1 insertion(+)\n"
      + "\n"
      + "diff --git a/net/sched/sch_api.c b/net/sched/sch_api.c\n"
      + "--- a/net/sched/sch_api.c\n"
      + "+++ b/net/sched/sch_api.c\n"
      + "@@ -1,1 +1,2 @@\n"
      + " a\n"
      + "+b\n";

  @TempDir Path tmp;

  @Test
  void integratesIntoEverySpecAndPrintsTheNumbers() throws Exception {
    Path tree = Corpus.copyPhoton("5.0-linux-6.1", tmp);
    Path patch = Files.writeString(tmp.resolve("fix.patch"), PATCH);
    CliRun r = CliRun.of("backport", "integrate", "--spec", tree.resolve("linux.spec").toString(),
        "--spec", tree.resolve("linux-esx.spec").toString(), "--spec", tree.resolve("linux-rt.spec").toString(),
        "--patch", patch.toString(), "--cve", "CVE-2025-99999", "--author", "Jane Doe <jane@example.org>",
        "--date", "2025-06-02");
    assertThat(r.code()).as(r.err()).isZero();
    String name = "0001-net-sched-fix-use-after-free-in-tc_dump_qdisc-again.patch";
    assertThat(r.out()).contains(tree.resolve("linux.spec") + ": Patch155 (release 6.1.138-3; %autopatch -M154 raised to -M155)")
        .contains(tree.resolve("linux-esx.spec") + ": Patch155 (release 6.1.138-2; %autopatch -M151 raised to -M155)")
        .contains(tree.resolve("linux-rt.spec") + ": Patch155 (release 6.1.138-2;")
        .contains("patch file: " + tree.resolve("CVE").resolve(name));
    String written = Files.readString(tree.resolve("CVE").resolve(name));
    assertThat(written).contains("(again)\n\ncommit " + SHA + " upstream.\n\nKeep the reference");
    for (String spec : new String[] {"linux.spec", "linux-esx.spec", "linux-rt.spec"}) {
      String text = Files.readString(tree.resolve(spec));
      assertThat(text).contains("# Fix CVE-2025-99999\nPatch155: " + name + "\n")
          .contains("\n- Fix CVE-2025-99999\n");
      assertThat(RpmSpec.prep(RpmSpec.parse(tree.resolve(spec)))).contains("/" + name);
    }

    // Run again: the patch is there already, nothing changes.
    String before = Files.readString(tree.resolve("linux.spec"));
    CliRun again = CliRun.of("backport", "integrate", "--spec", tree.resolve("linux.spec").toString(),
        "--patch", patch.toString(), "--author", "Jane Doe <jane@example.org>");
    assertThat(again.code()).isEqualTo(2);
    assertThat(again.err()).contains("already has " + name + " as Patch155");
    assertThat(Files.readString(tree.resolve("linux.spec"))).isEqualTo(before);
  }

  @Test
  void aFullRangeIsAnErrorNamingSpecAndRange() throws Exception {
    Path tree = Corpus.copyPhoton("common-linux-6.12", tmp);
    Path patch = Files.writeString(tmp.resolve("fix.patch"), PATCH);
    String before = Files.readString(tree.resolve("linux-rt.spec"));
    // linux-rt.spec has no range in its header, so --range bounds it; 100..101 leaves no room after 101.
    CliRun r = CliRun.of("backport", "integrate", "--spec", tree.resolve("linux.spec").toString(),
        "--spec", tree.resolve("linux-rt.spec").toString(), "--patch", patch.toString(),
        "--range", "100-101", "--author", "Jane Doe <jane@example.org>");
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).contains(tree.resolve("linux-rt.spec") + ": CVE block [100..101] is full");
    assertThat(Files.readString(tree.resolve("linux-rt.spec"))).isEqualTo(before);
    assertThat(tree.resolve("CVE").resolve("0001-net-sched-fix-use-after-free-in-tc_dump_qdisc-again.patch")).doesNotExist();
  }

  @Test
  void aBareDiffIsRefused() throws Exception {
    Path tree = Corpus.copyPhoton("common-linux-6.12", tmp);
    Path diff = Files.writeString(tmp.resolve("x.diff"), PATCH.substring(PATCH.indexOf("diff --git")));
    CliRun r = CliRun.of("backport", "integrate", "--spec", tree.resolve("linux.spec").toString(), "--patch", diff.toString(),
        "--author", "Jane Doe <jane@example.org>");
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).contains("x.diff").contains("format-patch");
  }
}
