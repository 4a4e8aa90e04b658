package dev.patchflow.backport;

import static org.assertj.core.api.Assertions.assertThat;

import dev.patchflow.testing.Corpus;
import dev.patchflow.testing.RpmSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Spec integration on Photon's real kernel trees (copied to a temp dir before anything is written). */
class IntegrationTest {
  static final List<String> SPECS = List.of("linux.spec", "linux-esx.spec", "linux-rt.spec");
  static final Range DEFAULT = new Range(100, 249);
  static final Changelog.Entry ENTRY =
      new Changelog.Entry(LocalDate.of(2025, 6, 2), "Jane Doe <jane@example.org>", List.of("Fix CVE-2025-21863"));
  static final String FILE = "0001-io_uring-prevent-opcode-speculation-v2.patch";

  @TempDir Path tmp;

  static List<Integration.Target> targets(Path tree, List<String> specs) throws IOException {
    List<Integration.Target> out = new ArrayList<>();
    for (String s : specs) {
      Integration.Target t = IntegrationFiles.read(tree.resolve(s));
      // Name them by file, so messages read as a maintainer would say them.
      out.add(new Integration.Target(SpecFile.parse(s, t.spec().text()), t.patchLists()));
    }
    return out;
  }

  static Integration.Outcome integrate(List<Integration.Target> targets, List<String> files, boolean fillGaps) {
    return Integration.integrate(new Integration.Request(targets, files, "Fix CVE-2025-21863", "CVE", DEFAULT, fillGaps, ENTRY));
  }

  static Integration.Integrated done(Integration.Outcome o) {
    assertThat(o).as(o.toString()).isInstanceOf(Integration.Integrated.class);
    return (Integration.Integrated) o;
  }

  /** A run plans fix after fix on the same specs: the reader parses a spec again only when its bytes change. */
  @Test
  void theReaderSeesASpecChangeAndRefusesBytesThatAreNotUtf8() throws Exception {
    Path spec = Files.writeString(tmp.resolve("tiny.spec"), "Name: tiny\nRelease: 1\n");
    IntegrationFiles.Reader reader = new IntegrationFiles.Reader();
    SpecFile first = reader.read(spec).spec();
    assertThat(reader.read(spec).spec()).isSameAs(first);
    Files.writeString(spec, "Name: tiny\nRelease: 2\n");
    assertThat(reader.read(spec).spec().tag("Release")).contains("2");
    Files.write(spec, new byte[] {'N', 'a', (byte) 0xff, '\n'});
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> reader.read(spec)).isInstanceOf(IOException.class)
        .hasMessageContaining(spec + ": not UTF-8");
  }

  @Test
  void linux61SameNumberAfterTheHighestAcrossAllThreeSpecs() throws Exception {
    Path tree = Corpus.photon("5.0-linux-6.1");
    Integration.Integrated done = done(integrate(targets(tree, SPECS), List.of(FILE), false));
    // linux.spec and linux-rt.spec end at Patch154, linux-esx.spec at 151: all three get 155.
    assertThat(done.specs()).extracting(Integration.SpecResult::numbers).containsOnly(List.of(155));
    String linux = done.specs().get(0).text();
    assertThat(linux).contains("Patch154: 0001-RDMA-mlx5-Fix-implicit-ODP-hang-on-parent-deregistra.patch\n\n"
        + "# Fix CVE-2025-21863\nPatch155: " + FILE + "\n\n%ifarch aarch64\n# aarch specific patches [200..219]");
    assertThat(linux).contains("\n%autopatch -p1 -m100 -M155\n").doesNotContain("-M154");
    assertThat(done.specs().get(1).text()).contains("\n%autopatch -p1 -m100 -M155\n").doesNotContain("-m100 -M151");
    assertThat(done.specs().get(1).applied()).containsExactly("%autopatch -M151 raised to -M155");
  }

  @Test
  void onlyTheNewLinesChangeTheFile() throws Exception {
    Path tree = Corpus.photon("5.0-linux-6.1");
    String before = Files.readString(tree.resolve("linux.spec"));
    String after = done(integrate(targets(tree, List.of("linux.spec")), List.of(FILE), false)).specs().get(0).text();
    List<String> a = new ArrayList<>(after.lines().toList());
    List<String> b = before.lines().toList();
    assertThat(a).hasSize(b.size() + 5);
    assertThat(a.remove(a.indexOf("Patch154: 0001-RDMA-mlx5-Fix-implicit-ODP-hang-on-parent-deregistra.patch") + 1)).isEmpty();
    for (String added : List.of("# Fix CVE-2025-21863", "Patch155: " + FILE,
        "* Mon Jun 02 2025 Jane Doe <jane@example.org> 6.1.138-3", "- Fix CVE-2025-21863")) {
      a.remove(a.indexOf(added));
    }
    List<String> changed = new ArrayList<>();
    for (int i = 0; i < b.size(); i++) {
      if (!a.get(i).equals(b.get(i))) {
        changed.add(b.get(i) + " => " + a.get(i));
      }
    }
    assertThat(changed).containsExactly(
        "Release:        2%{?acvp_build:.acvp}%{?kat_build:.kat}%{?dist} => Release:        3%{?acvp_build:.acvp}%{?kat_build:.kat}%{?dist}",
        "%autopatch -p1 -m100 -M154 => %autopatch -p1 -m100 -M155");
    assertThat(after).endsWith(before.substring(before.length() - 200));
  }

  @Test
  void blockHeaderRangesAndTheFallback() throws Exception {
    Path tree = Corpus.photon("5.0-linux-6.1");
    List<Integration.Target> t = targets(tree, SPECS);
    PatchBlocks.Block linux = PatchBlocks.of(t.get(0).spec()).block("CVE", DEFAULT);
    assertThat(linux.range()).isEqualTo(new Range(100, 199));
    assertThat(linux.fromHeader()).isTrue();
    assertThat(t.get(0).spec().lines().get(linux.headerLine())).isEqualTo("# CVE: [100..199]");
    // linux-rt.spec writes a bare "# CVE:", so the configured range applies.
    PatchBlocks.Block rt = PatchBlocks.of(t.get(2).spec()).block("CVE", DEFAULT);
    assertThat(rt.range()).isEqualTo(DEFAULT);
    assertThat(rt.fromHeader()).isFalse();
    assertThat(t.get(2).spec().lines().get(rt.headerLine())).isEqualTo("# CVE:");
  }

  @Test
  void numbersFromIncludedPatchListsCount() throws Exception {
    Path tree = Corpus.photon("5.0-linux-6.1");
    Integration.Target t = targets(tree, List.of("linux.spec")).get(0);
    assertThat(t.spec().patchListFiles()).contains("CVE-2023-39191.patches");
    // Without the "[110..128]" sub-header only the included list itself tells that 110..128 are taken.
    SpecFile bare = SpecFile.parse("linux.spec", t.spec().text().replace("# Fix CVE-2023-39191 [110..128]\n", ""));
    PatchBlocks pb = PatchBlocks.of(bare);
    PatchBlocks.Block block = pb.block("CVE", DEFAULT);
    assertThat(PatchNumbering.usage(bare, pb, block, t.patchLists()).used()).contains(110, 119, 128);
    assertThat(PatchNumbering.usage(bare, pb, block, Map.of()).used()).doesNotContain(110, 119, 128);
    // Filling gaps: 102 is free in linux.spec but linux-rt.spec has it; 109 is the first free in all three.
    Integration.Integrated gaps = done(integrate(targets(tree, SPECS), List.of(FILE), true));
    assertThat(gaps.specs()).extracting(Integration.SpecResult::numbers).containsOnly(List.of(109));
    assertThat(gaps.specs().get(0).text()).contains("Patch108: 0004-smb-Initialize-cfid-tcon-before-performing-network-o.patch\n\n"
        + "# Fix CVE-2025-21863\nPatch109: " + FILE + "\n");
    // 109 is inside -m100 -M154 already.
    assertThat(gaps.specs().get(0).applied()).containsExactly("already applied by %autopatch");
    // Two patches after the included list fill 129 and 130, the second without a comment.
    Integration.Integrated two = done(integrate(targets(tree, List.of("linux.spec")), List.of(FILE, "0002-b.patch"), true));
    assertThat(two.specs().get(0).numbers()).containsExactly(129, 130);
    assertThat(two.specs().get(0).text()).contains("%include %{SOURCE42}\n\n# Fix CVE-2025-21863\nPatch129: " + FILE
        + "\nPatch130: 0002-b.patch\n");
  }

  @Test
  void aFullBlockIsRefusedNamingSpecAndRange() throws Exception {
    Path tree = Corpus.photon("5.0-linux-6.1");
    List<Integration.Target> t = new ArrayList<>(targets(tree, SPECS));
    SpecFile esx = t.get(1).spec();
    t.set(1, new Integration.Target(SpecFile.parse("linux-esx.spec", esx.text().replace("# CVE: [100..199]", "# CVE: [100..154]")),
        t.get(1).patchLists()));
    Integration.Outcome o = integrate(t, List.of(FILE), false);
    assertThat(o).isInstanceOf(Integration.Refused.class);
    assertThat(((Integration.Refused) o).reason()).isEqualTo("linux-esx.spec: CVE block [100..154] is full, no room for a new patch");
  }

  @Test
  void aPatchAlreadyDeclaredIsRefused() throws Exception {
    Integration.Outcome o = integrate(targets(Corpus.photon("5.0-linux-6.1"), SPECS),
        List.of("0001-io_uring-prevent-opcode-speculation.patch"), false);
    assertThat(((Integration.Refused) o).reason()).contains("linux.spec already has").contains("Patch105");
  }

  @Test
  void linux612AppendsAfterPatch101AndUnderTheBareRtHeader() throws Exception {
    Path tree = Corpus.photon("common-linux-6.12");
    Integration.Integrated done = done(integrate(targets(tree, SPECS), List.of(FILE), false));
    assertThat(done.specs()).extracting(Integration.SpecResult::numbers).containsOnly(List.of(102));
    assertThat(done.specs().get(0).text()).contains("Patch101: KVM-Don-t-accept-obviously-wrong-gsi-values-via-KVM_.patch\n\n"
        + "# Fix CVE-2025-21863\nPatch102: " + FILE + "\n");
    assertThat(done.specs().get(2).text()).contains("# CVE:\n# Fix CVE-2025-21863\nPatch102: " + FILE + "\n\n");
    assertThat(done.specs()).extracting(r -> r.applied().get(0)).containsOnly("already applied by %autopatch");
    assertThat(done.specs()).extracting(Integration.SpecResult::versionRelease)
        .containsExactly("6.12.1-16", "6.12.1-4", "6.12.1-3");
  }

  @Test
  void editedSpecsStillParseWithRpmspecAndApplyTheNewPatch() throws Exception {
    for (String name : List.of("5.0-linux-6.1", "common-linux-6.12")) {
      Path tree = Corpus.copyPhoton(name, tmp);
      Integration.Integrated done = done(integrate(targets(tree, SPECS), List.of(FILE, "0002-second-part.patch"), false));
      IntegrationFiles.write(SPECS.stream().map(tree::resolve).toList(), done,
          Map.of(FILE, "x\n", "0002-second-part.patch", "y\n"));
      for (String spec : SPECS) {
        String prep = RpmSpec.prep(RpmSpec.parse(tree.resolve(spec)));
        assertThat(prep).as(name + "/" + spec).contains("/" + FILE).contains("/0002-second-part.patch");
        assertThat(prep.indexOf("/" + FILE)).as("applied in number order").isLessThan(prep.indexOf("/0002-second-part.patch"));
      }
      assertThat(tree.resolve("CVE").resolve(FILE)).hasContent("x");
    }
  }

  @Test
  void releaseAndChangelogInEachSpecsOwnFormat() throws Exception {
    Path tree = Corpus.photon("5.0-linux-6.1");
    Integration.Integrated done = done(integrate(targets(tree, SPECS), List.of(FILE), false));
    Integration.SpecResult linux = done.specs().get(0);
    assertThat(linux.release()).isEqualTo(3);
    assertThat(linux.text()).contains("\nRelease:        3%{?acvp_build:.acvp}%{?kat_build:.kat}%{?dist}\n");
    assertThat(linux.text()).contains("%changelog\n* Mon Jun 02 2025 Jane Doe <jane@example.org> 6.1.138-3\n- Fix CVE-2025-21863\n"
        + "* Fri May 16 2025 Alexey Makhalov");
    assertThat(done.specs().get(1).text()).contains("\nRelease:        2%{?dist}\n").contains("> 6.1.138-2\n- Fix CVE-2025-21863\n");
    // A date before the latest entry would break rpm's order; it is refused.
    Changelog.Entry early = new Changelog.Entry(LocalDate.of(2025, 3, 24), "Jane Doe <jane@example.org>", List.of("x"));
    Integration.Outcome o = Integration.integrate(new Integration.Request(targets(tree, SPECS), List.of(FILE), null, "CVE",
        DEFAULT, false, early));
    assertThat(((Integration.Refused) o).reason()).contains("linux.spec").contains("before its latest entry (2025-05-16)");
  }

  @Test
  void olderSpecsApplyPatchByPatch() throws Exception {
    Path tree = Corpus.photon("3.0-linux-4.19");
    Integration.Outcome o = Integration.integrate(new Integration.Request(targets(tree, List.of("linux.spec")), List.of(FILE),
        "Fix CVE-2025-21863", "CVE", new Range(70, 79), false, ENTRY));
    Integration.SpecResult r = done(o).specs().get(0);
    assertThat(r.numbers()).containsExactly(73);
    assertThat(r.applied()).containsExactly("%patch line added");
    // The Patch line keeps the file's column; %patch73 follows %patch72.
    assertThat(r.text()).contains("Patch72:        0001-9p-VDFS-Initialize-fid-iounit-during-creation-of-p9_.patch\n\n"
        + "# Fix CVE-2025-21863\nPatch73:        " + FILE + "\n");
    assertThat(r.text()).contains("%patch72 -p1\n%patch73 -p1\n");
    assertThat(r.text()).contains("\nRelease:        2%{?kat_build:.kat}%{?dist}\n")
        .contains("* Mon Jun 02 2025 Jane Doe <jane@example.org> 4.19.247-2\n");
  }
}
