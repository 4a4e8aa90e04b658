package dev.patchflow.backport.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.patchflow.backport.Changelog;
import dev.patchflow.backport.Integration;
import dev.patchflow.backport.Range;
import dev.patchflow.testing.Corpus;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The number a run gives a fix in Photon's real 6.1 specs, by the line's numbering rule. */
class BackportCommitTest {
  private static final BackportCommit.Request FIX = new BackportCommit.Request(
      List.of("linux.spec", "linux-esx.spec", "linux-rt.spec"), "0001-net-fix-a-leak.patch", null, "Fix CVE-2025-1",
      new Changelog.Entry(LocalDate.of(2025, 6, 2), "Kernel Bot <kbot@example.org>", List.of("Fix CVE-2025-1")));

  private List<List<Integer>> numbers(boolean fillGaps) throws Exception {
    Path tree = Corpus.photon("5.0-linux-6.1");  // a plan reads only
    PackagingCheckout.Checkout co = new PackagingCheckout.Checkout(null, tree, tree, "5.0", "photon");
    Integration.Outcome o = new BackportCommit(new Range(100, 249), fillGaps).plan(co, FIX);
    assertThat(o).as(o.toString()).isInstanceOf(Integration.Integrated.class);
    return ((Integration.Integrated) o).specs().stream().map(Integration.SpecResult::numbers).toList();
  }

  @Test
  void byDefaultTheNumberAfterTheHighestInAllThreeSpecs() throws Exception {
    // linux.spec and linux-rt.spec end at Patch154, linux-esx.spec at 151
    assertThat(numbers(false)).containsOnly(List.of(155));
  }

  @Test
  void fillGapsTakesTheLowestNumberFreeInAllThree() throws Exception {
    // 102 is free in linux.spec and linux-esx.spec, but linux-rt.spec has it; 109 is free in all
    // three (110-128 are taken by the %include'd CVE-2023-39191.patches)
    assertThat(numbers(true)).containsOnly(List.of(109));
  }
}
