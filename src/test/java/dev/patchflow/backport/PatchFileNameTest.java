package dev.patchflow.backport;

import static org.assertj.core.api.Assertions.assertThat;

import dev.patchflow.testing.Corpus;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class PatchFileNameTest {
  @Test
  void gitsSanitisingRules() {
    assertThat(PatchFileName.of(1, "io_uring: prevent opcode speculation"))
        .isEqualTo("0001-io_uring-prevent-opcode-speculation.patch");
    assertThat(PatchFileName.of(3, "net/mlx5: v1.2...3 -- done...")).isEqualTo("0003-net-mlx5-v1.2.3-done.patch");
    assertThat(PatchFileName.of(1, "  [weird]  (chars) ")).isEqualTo("0001-weird-chars.patch");
    // Cut at git's default limit, even mid-word, and not trimmed again afterwards.
    assertThat(PatchFileName.of(1, "RDMA/mlx5: Fix implicit ODP hang on parent deregistration"))
        .isEqualTo("0001-RDMA-mlx5-Fix-implicit-ODP-hang-on-parent-deregistra.patch");
    assertThat(PatchFileName.fromSubject("[PATCH 2/5] net: Fix icmp host relookup triggering ip_rt_bug"))
        .isEqualTo("0002-net-Fix-icmp-host-relookup-triggering-ip_rt_bug.patch");
  }

  /** Photon's CVE/ folders hold format-patch output: the name must come back from each file's own Subject. */
  @Test
  void namesOfPhotonsOwnPatchFiles() throws Exception {
    List<String> checked = new ArrayList<>();
    for (String tree : List.of("5.0-linux-6.1", "common-linux-6.12")) {
      try (Stream<Path> files = Files.list(Corpus.photon(tree).resolve("CVE"))) {
        for (Path f : files.filter(p -> p.getFileName().toString().matches("\\d{4}-.*\\.patch")).toList()) {
          PatchText text = PatchText.parse(Files.readString(f));
          assertThat(PatchFileName.fromSubject(text.subject())).as(f.toString()).isEqualTo(f.getFileName().toString());
          checked.add(f.getFileName().toString());
        }
      }
    }
    assertThat(checked).hasSizeGreaterThan(10);
  }
}
