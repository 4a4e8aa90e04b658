package dev.patchflow.mail;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SubjectParserTest {
  @Test
  void netNextVersionAndCounter() {
    Subject s = SubjectParser.parse("[PATCH net-next v3 2/7] net: fix the thing");
    assertThat(s.name()).isEqualTo("net: fix the thing");
    assertThat(s.version()).isEqualTo(3);
    assertThat(s.number()).isEqualTo(2);
    assertThat(s.total()).isEqualTo(7);
    assertThat(s.prefixes()).containsExactly("net-next", "v3");
    assertThat(s.reply()).isFalse();
  }

  @Test
  void rfcCoverLetter() {
    Subject s = SubjectParser.parse("[RFC PATCH 0/3] A proposal");
    assertThat(s.isCover()).isTrue();
    assertThat(s.isRfc()).isTrue();
    assertThat(s.total()).isEqualTo(3);
  }

  @Test
  void glued_version_and_version_after_counter() {
    assertThat(SubjectParser.parse("[PATCHv2] foo").version()).isEqualTo(2);
    Subject late = SubjectParser.parse("[PATCH 1/2 v2] foo");
    assertThat(late.version()).isEqualTo(2);
    assertThat(late.number()).isEqualTo(1);
    assertThat(late.total()).isEqualTo(2);
  }

  @Test
  void listTagAndReplies() {
    Subject s = SubjectParser.parse("Re: [Qemu-devel] [PATCH v4 0/2] block: things");
    assertThat(s.reply()).isTrue();
    assertThat(s.prefixes()).containsExactly("Qemu-devel", "v4");
    assertThat(s.version()).isEqualTo(4);
    assertThat(s.number()).isZero();
    assertThat(s.isCover()).isFalse(); // a reply to a cover is not a cover
    assertThat(SubjectParser.parse("RE: Fwd: [PATCH] x").reply()).isTrue();
    assertThat(SubjectParser.parse("Fwd: [PATCH] x").forward()).isTrue();
  }

  @Test
  void commaSeparatedPatchworkStyleAndMercurial() {
    Subject pw = SubjectParser.parse("[net,v2,1/2] net: ieee802154: remove explicit set skb->sk");
    assertThat(pw.version()).isEqualTo(2);
    assertThat(pw.number()).isEqualTo(1);
    assertThat(pw.prefixes()).containsExactly("net", "v2");
    Subject hg = SubjectParser.parse("[PATCH 1 of 2] contrib: fix");
    assertThat(hg.number()).isEqualTo(1);
    assertThat(hg.total()).isEqualTo(2);
    assertThat(hg.name()).isEqualTo("contrib: fix");
  }

  @Test
  void versionInParenthesesAndNoPrefix() {
    Subject s = SubjectParser.parse("net: dsa: Multi-CPU ground work (v3)");
    assertThat(s.version()).isEqualTo(3);
    assertThat(s.name()).isEqualTo("net: dsa: Multi-CPU ground work");
    Subject plain = SubjectParser.parse("Just a subject");
    assertThat(plain.version()).isEqualTo(1);
    assertThat(plain.number()).isNull();
    assertThat(plain.display()).isEqualTo("Just a subject");
    assertThat(SubjectParser.parse("[PATCH v2 01/15] x").display()).isEqualTo("[v2,1/15] x");
  }
}
