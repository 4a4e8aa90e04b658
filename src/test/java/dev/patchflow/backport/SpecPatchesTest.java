package dev.patchflow.backport;

import static org.assertj.core.api.Assertions.assertThat;

import dev.patchflow.git.Git;
import dev.patchflow.testing.Corpus;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Photon's real 6.1 tree: which upstream fixes its patch files already carry, and the release it ships. */
class SpecPatchesTest {
  @Test
  void findsTheUpstreamCommitsPhotonsPatchFilesName(@TempDir Path tmp) throws Exception {
    Path tree = Corpus.photon("5.0-linux-6.1");
    SpecPatches patches = SpecPatches.read(tree, Git.init(tmp.resolve("scratch"), true));
    // CVE-2025-21863's fix, in Photon's own file; the From line there is a stable commit, not this one.
    assertThat(patches.carrying("1e988c3fe1264708f4f92109203ac5b1d65de50b"))
        .contains("CVE/0001-io_uring-prevent-opcode-speculation.patch");
    // CVE-2024-50029's fix.
    assertThat(patches.carrying("18fd04ad856df07733f5bb07e7f7168e7443d393")).isPresent();
    assertThat(patches.carrying("b6fdc956d6fdd7e3e991f2eaa9e1df8f9e7b05bb")).isEmpty();
    assertThat(Applicability.specVersion(tree, KernelVersion.parse("6.1"))).contains(KernelVersion.parse("6.1.138"));
    assertThat(Applicability.specVersion(tree, KernelVersion.parse("6.12"))).isEmpty();
  }
}
