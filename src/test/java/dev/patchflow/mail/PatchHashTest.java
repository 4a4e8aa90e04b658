package dev.patchflow.mail;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PatchHashTest {
  private static final String DIFF = """
      diff --git a/net/core/dev.c b/net/core/dev.c
      index 1111111..2222222 100644
      --- a/net/core/dev.c
      +++ b/net/core/dev.c
      @@ -10,6 +10,7 @@ static int x;
       int a;
      -int b;
      +int b = 1;
      +int c;
       int d;
      """;

  @Test
  void lineNumbersIndexLinesAndWhitespaceDoNotChangeTheHash() {
    String moved = DIFF.replace("@@ -10,6 +10,7 @@ static int x;", "@@ -200,6 +201,7 @@ other context")
        .replace("index 1111111..2222222", "index 3333333..4444444")
        .replace("+int b = 1;", "+int  b  =  1;\t");
    assertThat(PatchHash.of(moved)).isEqualTo(PatchHash.of(DIFF));
  }

  @Test
  void aDifferentChangeOrFileChangesTheHash() {
    assertThat(PatchHash.of(DIFF.replace("+int c;", "+int e;"))).isNotEqualTo(PatchHash.of(DIFF));
    assertThat(PatchHash.of(DIFF.replace("net/core/dev.c", "net/core/sock.c"))).isNotEqualTo(PatchHash.of(DIFF));
    assertThat(PatchHash.of(DIFF)).matches("[0-9a-f]{40}");
  }

  @Test
  void sameHashWhetherTheDiffCameInlineOrQuotedPrintable() throws Exception {
    String inline = "From: a@b\nSubject: [PATCH] x\nMessage-ID: <1@x>\n\nmsg\n---\n" + DIFF;
    String qp = "From: a@b\nSubject: [PATCH] x\nMessage-ID: <2@x>\nContent-Transfer-Encoding: quoted-printable\n\nmsg\n---\n"
        + DIFF.replace("int b = 1;", "int b =3D 1;");
    ParsedMail a = MailParser.parse(inline.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    ParsedMail b = MailParser.parse(qp.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    assertThat(a.diff().hash()).isEqualTo(b.diff().hash());
  }
}
