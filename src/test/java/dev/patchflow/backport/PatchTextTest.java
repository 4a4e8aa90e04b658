package dev.patchflow.backport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.patchflow.testing.Corpus;
import java.nio.file.Files;
import org.junit.jupiter.api.Test;

class PatchTextTest {
  static final String SHA = "1e988c3fe1264708f4f92109203ac5b1d65de50b";
  static final String UPSTREAM = "From " + SHA + " Mon Sep 17 00:00:00 2001\n"
      + "From: Pavel Begunkov <asml.silence@gmail.com>\n"
      + "Date: Fri, 14 Feb 2025 22:48:15 +0000\n"
      + "Subject: [PATCH] io_uring: prevent opcode\n"
      + " speculation\n"
      + "\n"
      + "sqe->opcode is used for different tables, make sure we santitise it\n"
      + "against speculations.\n"
      + "\n"
      + "Signed-off-by: Jens Axboe <axboe@kernel.dk>\n"
      + "---\n"
      + " io_uring/io_uring.c | 2 ++\n";

  @Test
  void addsTheStableLineAtTheTopOfTheMessage() {
    PatchText p = PatchText.parse(UPSTREAM);
    assertThat(p.subject()).isEqualTo("[PATCH] io_uring: prevent opcode speculation");
    assertThat(p.upstreamSha()).contains(SHA);
    String out = p.withUpstreamLine(SHA);
    assertThat(out).contains("speculation\n\ncommit " + SHA + " upstream.\n\nsqe->opcode is used");
    assertThat(out.replace("commit " + SHA + " upstream.\n\n", "")).isEqualTo(UPSTREAM);
    // A second run recognises its own line and leaves the text alone.
    assertThat(PatchText.parse(out).withUpstreamLine(SHA)).isEqualTo(out);
    assertThat(PatchText.parse(out).upstreamSha()).contains(SHA);
  }

  @Test
  void photonsBackportsAlreadyCarryTheLine() throws Exception {
    String text = Files.readString(Corpus.photon("5.0-linux-6.1").resolve("CVE/0001-io_uring-prevent-opcode-speculation.patch"));
    PatchText p = PatchText.parse(text);
    // The From line holds Photon's own commit; the message names the upstream one.
    assertThat(p.upstreamSha()).contains(SHA);
    assertThat(p.withUpstreamLine(SHA)).isEqualTo(text.replace("\r\n", "\n"));
  }

  @Test
  void aBareDiffIsRefused() {
    assertThatThrownBy(() -> PatchText.parse("diff --git a/x b/x\n--- a/x\n+++ b/x\n"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("format-patch");
  }
}
