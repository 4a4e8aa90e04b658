package dev.patchflow.backport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.patchflow.testing.Corpus;
import java.nio.file.Files;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SpecEditorTest {
  static final Range DEFAULT = new Range(100, 249);

  @Test
  void aNumberBelowEveryEntryGoesAboveTheFirstOnesComment() throws Exception {
    SpecFile spec = SpecFile.parse("linux.spec", Files.readString(Corpus.photon("common-linux-6.12").resolve("linux.spec")));
    PatchBlocks.Block block = PatchBlocks.of(spec).block("CVE", DEFAULT);
    SpecFile out = SpecEditor.addPatch(spec, block, Map.of(), 100, "0001-x.patch", "Fix CVE-2025-1");
    assertThat(out.text()).contains("# CVE: [100..199]\n# Fix CVE-2025-1\nPatch100: 0001-x.patch\n\n"
        + "# Fix CVE-2017-1000252\nPatch101: KVM-");
    assertThat(SpecEditor.apply(out, block, 100).how()).isEqualTo("already applied by %autopatch");
  }

  @Test
  void theBlocksAutopatchIsRaisedKeepingItsSpacing() throws Exception {
    String text = "Name: x\nVersion: 1\nRelease: 1%{?dist}\n# CVE: [100..199]\nPatch100: a.patch\nPatch150: b.patch\n"
        + "%prep\n%autopatch -p1 -m100 -M100\n%autopatch -p1 -m120 -M 130\n%changelog\n";
    SpecFile spec = SpecFile.parse("x.spec", text);
    PatchBlocks.Block block = PatchBlocks.of(spec).block("CVE", DEFAULT);
    assertThat(PatchBlocks.of(spec).autopatches()).extracting(PatchBlocks.AutoPatch::max).containsExactly(100, 130);
    // 125 is already applied by the second line; 101 raises the first; 131 raises the second (spacing kept).
    assertThat(SpecEditor.apply(spec, block, 125).spec().text()).isEqualTo(text);
    assertThat(SpecEditor.apply(spec, block, 101).spec().text()).contains("-m100 -M101\n");
    assertThat(SpecEditor.apply(spec, block, 131).spec().text()).contains("-m120 -M 131\n");
    // The nearest %autopatch at or below the number is the one raised.
    SpecFile later = SpecFile.parse("x.spec", text.replace("%autopatch -p1 -m120 -M 130\n", "%autopatch -p1 -m140 -M150\n"));
    assertThat(SpecEditor.apply(later, block, 160).spec().text()).contains("-m100 -M100\n%autopatch -p1 -m140 -M160\n");
    SpecFile none = SpecFile.parse("x.spec", text.replaceAll("%autopatch.*\n", ""));
    assertThatThrownBy(() -> SpecEditor.apply(none, block, 151)).hasMessage(
        "x.spec: no %autopatch or %patch line applies the CVE block [100..199]");
  }

  @Test
  void releaseMustStartWithANumber() {
    SpecFile spec = SpecFile.parse("x.spec", "Release: %{rel}%{?dist}\n");
    assertThatThrownBy(() -> Changelog.bumpRelease(spec)).hasMessageContaining("x.spec: Release: does not start with a number");
  }
}
