package dev.patchflow.backport;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class FixTagsTest {
  @Test
  void readsKernelTrailersAndCveIds() {
    FixTags t = FixTags.of("""
        io_uring: prevent opcode speculation

        sqe->opcode is used for different tables (cve-2025-21863 upstream).

        Cc: stable@vger.kernel.org # 6.1.x
        Cc: <stable@vger.kernel.org> # v5.15+
        Fixes: d3656344fea03 ("io_uring: add lookup table for various opcode needs")
        Fixes: D3656344FEA0339FB0365C8DF4D2BEBA4E0089CD ("same, in full")
        Signed-off-by: Pavel Begunkov <asml.silence@gmail.com>
        """);
    assertThat(t.fixes()).containsExactly("d3656344fea03", "d3656344fea0339fb0365c8df4d2beba4e0089cd");
    assertThat(t.ccStable()).isTrue();
    assertThat(t.stableFrom()).contains(KernelVersion.parse("5.15"));
    assertThat(t.cves()).containsExactly("CVE-2025-21863");
  }

  @Test
  void proseQuotesShortIdsAndOtherCcsAreNotTags() {
    FixTags t = FixTags.of("""
        net: fix the thing

        This fixes: the crash seen when unloading.
        > Fixes: 0123456789ab ("quoted in a reply")
        Fixes: 0123456 ("too short to name a commit")
        Cc: netdev@vger.kernel.org
        """);
    assertThat(t.any()).isFalse();
    assertThat(FixTags.of("mm: tidy\n\nNothing to see.\n")).isSameAs(FixTags.NONE);
    assertThat(FixTags.of("x\n\nCc: stable@vger.kernel.org\n").stableFrom()).isEqualTo(Optional.empty());
  }

  @Test
  void theQuickCheckLooksBackFromColonsAtSignsAndDashes() {
    assertThat(FixTags.mayCarry("Fixes: abc")).isTrue();
    assertThat(FixTags.mayCarry("x STABLE@vger")).isTrue();
    assertThat(FixTags.mayCarry("see Cve-2024")).isTrue();
    assertThat(FixTags.mayCarry("prefixes are fine; no-op")).isFalse();
  }
}
