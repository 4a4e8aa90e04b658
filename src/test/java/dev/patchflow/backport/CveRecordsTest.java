package dev.patchflow.backport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.patchflow.testing.Corpus;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The kernel CVE team's records as they are published (corpus/cve), and what they say for a 6.1.N kernel. */
class CveRecordsTest {
  static CveRecords records;

  @BeforeAll
  static void open() throws IOException {
    records = CveRecords.open(Corpus.root().resolve("cve"));
  }

  @Test
  void readsEveryPublishedRecordAndLeavesTheRejectedOut() throws IOException {
    List<CveRecord> all = records.all();
    assertThat(all).hasSize(50);
    assertThat(records.ids()).doesNotContain("CVE-2024-41071", "CVE-2024-50018").contains("CVE-2025-21863");
    assertThat(all).allSatisfy(r -> assertThat(r.fixes()).isNotEmpty());
    assertThat(all.stream().filter(r -> r.cvss().isPresent())).hasSize(24);
  }

  @Test
  void mapsFixingCommitsToTheirCves() throws IOException {
    assertThat(records.fixedBy("1e988c3fe1264708f4f92109203ac5b1d65de50b")).containsExactly("CVE-2025-21863");
    // One commit is the fix of two CVEs.
    assertThat(records.fixedBy("51b8dc5163d2ff2bf04019f8bf7e3bd0e75bb654"))
        .containsExactlyInAnyOrder("CVE-2024-38547", "CVE-2025-38585");
    // .sha1 without a final newline
    assertThat(records.fixedBy("abd29b6e17a918fdd68352ce4813e167acc8727e")).containsExactly("CVE-2025-68226");
    assertThat(records.fixedBy("0000000000000000000000000000000000000000")).isEmpty();

    CveRecord r = records.record("CVE-2024-56631").orElseThrow();
    assertThat(r.cvss()).contains(new CveRecord.Cvss(7.8, "HIGH", "CVSS:3.1/AV:L/AC:L/PR:L/UI:N/S:U/C:H/I:H/A:H"));
    CveRecord io = records.record("CVE-2025-21863").orElseThrow();
    assertThat(io.title()).isEqualTo("io_uring: prevent opcode speculation");
    assertThat(io.files()).containsExactly("io_uring/io_uring.c");
    assertThat(io.cvss()).isEmpty();
    assertThat(io.pairs()).contains(DyadPair.parse(
        "5.6:d3656344fea0339fb0365c8df4d2beba4e0089cd:6.1.175:d261ead565a080e3411b0dd04e6d58a52471cac8").orElseThrow());
    assertThat(records.record("CVE-2025-38585").orElseThrow().introducedBy()).hasSizeGreaterThan(1);
  }

  /** Rows checked by reading each .dyad by hand (see corpus/cve/README.md). */
  @ParameterizedTest(name = "{0} on {1}.{2}: {3}")
  @CsvSource(delimiter = '|', textBlock = """
      CVE-2025-21863 | 6.1  | 138 | affected     | 6.1.175
      CVE-2025-21863 | 6.1  | 175 | fixed        | 6.1.175
      CVE-2025-21863 | 6.12 | 17  | fixed        | 6.12.17
      CVE-2024-26581 | 6.1  | 40  | not_affected |
      CVE-2024-26581 | 6.1  | 50  | affected     | 6.1.78
      CVE-2024-26581 | 6.1  | 78  | fixed        | 6.1.78
      CVE-2023-52452 | 6.1  | 138 | affected     |
      CVE-2024-50029 | 6.1  | 138 | affected     |
      CVE-2024-14040 | 6.1  | 0   | affected     |
      CVE-2023-52585 | 6.1  | 138 | not_affected |
      CVE-2024-26708 | 6.1  | 138 | not_affected |
      CVE-2025-68226 | 6.1  | 138 | not_affected |
      CVE-2024-38635 | 6.1  | 93  | fixed        | 6.1.93
      CVE-2024-38635 | 6.1  | 92  | affected     | 6.1.93
      CVE-2024-41014 | 6.1  | 138 | fixed        | 6.1.120
      CVE-2024-26670 | 6.1  | 56  | not_affected |
      CVE-2024-26670 | 6.1  | 138 | affected     |
      CVE-2025-40039 | 6.1  | 70  | not_affected |
      CVE-2025-40039 | 6.1  | 138 | affected     | 6.1.162
      CVE-2025-40039 | 6.1  | 170 | fixed        | 6.1.162
      CVE-2024-47683 | 6.1  | 110 | affected     | 6.1.113
      CVE-2024-47683 | 6.1  | 113 | fixed        | 6.1.113
      CVE-2025-21687 | 6.1  | 129 | fixed        | 6.1.129
      CVE-2024-26954 | 6.1  | 119 | fixed        | 6.1.119
      """)
  void dyadVerdictForAKernelLine(String id, String line, int level, String expected, String version) throws IOException {
    DyadVerdict v = records.record(id).orElseThrow().verdict(KernelVersion.parse(line), level);
    assertThat(kind(v)).as(v.reason()).isEqualTo(expected);
    Optional<KernelVersion> fixVersion = v instanceof DyadVerdict.Fixed f ? Optional.of(f.in())
        : v instanceof DyadVerdict.Affected a ? a.fixedLater() : Optional.empty();
    assertThat(fixVersion.map(KernelVersion::toString)).as(v.reason()).isEqualTo(Optional.ofNullable(version));
  }

  @Test
  void aMainlineFixBeforeTheLineMeansBornFixedAndNoPairsMeansUnknown() {
    List<DyadPair> pairs = List.of(
        DyadPair.parse("4.4:0123456789ab0123456789ab0123456789ab0123:5.10:89ab0123456789ab0123456789ab0123456789ab").orElseThrow());
    assertThat(DyadVerdict.of(pairs, KernelVersion.parse("6.1"), 0)).isInstanceOf(DyadVerdict.Fixed.class);
    assertThat(DyadVerdict.of(pairs, KernelVersion.parse("4.19"), 100)).isInstanceOf(DyadVerdict.Affected.class);
    assertThat(DyadVerdict.of(List.of(), KernelVersion.parse("6.1"), 0)).isInstanceOf(DyadVerdict.Unknown.class);
  }

  @Test
  void versionsCompareInReleaseOrder() {
    assertThat(KernelVersion.parse("2.6.29")).isLessThan(KernelVersion.parse("3.0"));
    assertThat(KernelVersion.parse("2.6.29").isMainline()).isTrue();
    assertThat(KernelVersion.parse("2.6.32.27").isStableOf(KernelVersion.parse("2.6.32"))).isTrue();
    assertThat(KernelVersion.parse("6.1")).isLessThan(KernelVersion.parse("6.1.1"));
    assertThat(KernelVersion.parse("6.1.130")).isLessThan(KernelVersion.parse("6.2"));
    assertThat(KernelVersion.parse("6.9")).isLessThan(KernelVersion.parse("6.10"));
    assertThat(KernelVersion.parse("0").isNone()).isTrue();
  }

  @Test
  void aBrokenFileIsNamedAndMissingFilesAreTolerated(@TempDir Path tmp) throws IOException {
    Path year = Files.createDirectories(tmp.resolve("published/2025"));
    Files.writeString(year.resolve("CVE-2025-00001.sha1"), "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\n");
    Files.writeString(year.resolve("CVE-2025-00002.sha1"), "bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb\n");
    Files.writeString(year.resolve("CVE-2025-00002.dyad"), "# dyad\n6.1:abc\n");
    CveRecords r = CveRecords.open(tmp);
    CveRecord only = r.record("CVE-2025-00001").orElseThrow();
    assertThat(only.pairs()).isEmpty();
    assertThat(only.cvss()).isEmpty();
    assertThat(only.verdict(KernelVersion.parse("6.1"), 1)).isInstanceOf(DyadVerdict.Unknown.class);
    assertThatThrownBy(() -> r.record("CVE-2025-00002")).isInstanceOf(IOException.class)
        .hasMessageContaining("CVE-2025-00002.dyad line 2");
    Files.writeString(year.resolve("CVE-2025-00001.json"), "{ not json");
    assertThatThrownBy(() -> CveRecords.open(tmp).record("CVE-2025-00001")).hasMessageContaining("CVE-2025-00001.json");
  }

  static String kind(DyadVerdict v) {
    if (v instanceof DyadVerdict.Fixed) {
      return "fixed";
    }
    if (v instanceof DyadVerdict.Affected) {
      return "affected";
    }
    return v instanceof DyadVerdict.NotAffected ? "not_affected" : "unknown";
  }
}
