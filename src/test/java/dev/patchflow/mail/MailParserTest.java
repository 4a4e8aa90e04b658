package dev.patchflow.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

/** Shapes of mail the corpus lacks, written here by hand. */
class MailParserTest {
  private static final String DIFF = """
      diff --git a/lib/list.c b/lib/list.c
      index 1111111..2222222 100644
      --- a/lib/list.c
      +++ b/lib/list.c
      @@ -1,3 +1,3 @@
       int a;
      -int b;
      +int b = 1;
       int c;
      """;

  private static ParsedMail parse(String mail) throws MailParseException {
    return MailParser.parse(mail.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void base64BodyInANestedMultipartWithAnOctetStreamPatch() throws Exception {
    String b64 = Base64.getMimeEncoder().encodeToString(DIFF.getBytes(StandardCharsets.UTF_8));
    ParsedMail m = parse("""
        From: Dev <dev@example.org>
        Subject: [PATCH] lib: set b
        Message-ID: <nested@example.org>
        Content-Type: multipart/mixed; boundary="outer"

        --outer
        Content-Type: multipart/alternative; boundary="inner"

        --inner
        Content-Type: text/plain; charset=utf-8

        Set b to one.

        Signed-off-by: Dev <dev@example.org>
        --inner
        Content-Type: text/html

        <p>Set b to one.</p>
        --inner--
        --outer
        Content-Type: application/octet-stream; name="0001-lib-set-b.patch"
        Content-Transfer-Encoding: base64
        Content-Disposition: attachment; filename="0001-lib-set-b.patch"

        %s
        --outer--
        """.formatted(b64));
    assertThat(m.kind()).isEqualTo(MailKind.PATCH);
    assertThat(m.diff().files()).extracting(FileChange::path).containsExactly("lib/list.c");
    assertThat(m.diff().added()).isEqualTo(1);
    assertThat(m.content()).contains("Set b to one.").doesNotContain("<p>");
    assertThat(m.trailers()).containsExactly(new Trailer("Signed-off-by", "Dev <dev@example.org>"));
  }

  @Test
  void textXDiffAttachmentAndCrlfLineEnds() throws Exception {
    String mail = ("From: Dev <dev@example.org>\nSubject: [PATCH v2 1/1] lib: set b\nMessage-ID: <crlf@example.org>\n"
        + "Content-Type: multipart/mixed; boundary=b\n\n--b\nContent-Type: text/plain\n\nSee attached.\n"
        + "--b\nContent-Type: text/x-diff; name=fix.diff\n\n" + DIFF + "--b--\n").replace("\n", "\r\n");
    ParsedMail m = MailParser.parse(mail.getBytes(StandardCharsets.UTF_8));
    assertThat(m.kind()).isEqualTo(MailKind.PATCH);
    assertThat(m.diff().files()).singleElement().satisfies(f -> assertThat(f.removed()).isEqualTo(1));
    assertThat(m.subject().version()).isEqualTo(2);
    assertThat(m.diff().text()).doesNotContain("\r");
  }

  @Test
  void rawUnifiedDiffWithoutGitHeader() throws Exception {
    ParsedMail m = parse("""
        From: Old School <old@example.org>
        Subject: [PATCH] fix
        Message-ID: <raw@example.org>

        Fix it.

        --- lib/list.c.orig\t2010-01-01 00:00:00.000000000 +0000
        +++ lib/list.c\t2010-01-02 00:00:00.000000000 +0000
        @@ -1,2 +1,2 @@
        -int b;
        +int b = 1;
         int c;
        --\040
        old mailer
        """);
    assertThat(m.kind()).isEqualTo(MailKind.PATCH);
    assertThat(m.diff().files()).singleElement().satisfies(f -> {
      assertThat(f.newPath()).isEqualTo("lib/list.c");
      assertThat(f.added()).isEqualTo(1);
    });
    assertThat(m.diff().text()).doesNotContain("old mailer");
  }

  @Test
  void quotedPrintableAndEncodedWordsInALatin1Mail() throws Exception {
    ParsedMail m = MailParser.parse(("""
        From: =?ISO-8859-1?Q?J=F6rg_M=FCller?= <jorg@example.org>
        Subject: =?utf-8?Q?Re=3A_=5BPATCH=5D_caf=C3=A9?= =?utf-8?Q?_menu?=
        Message-ID: <qp@example.org>
        In-Reply-To: <parent@example.org>
        Content-Type: text/plain; charset=iso-8859-1
        Content-Transfer-Encoding: quoted-printable

        Gr=FC=DFe, a long line that is soft=
         wrapped.

        Reviewed-by: J=F6rg M=FCller <jorg@example.org>
        """).getBytes(StandardCharsets.ISO_8859_1));
    assertThat(m.from().name()).isEqualTo("Jörg Müller");
    assertThat(m.subject().raw()).isEqualTo("Re: [PATCH] café menu");
    assertThat(m.subject().reply()).isTrue();
    assertThat(m.kind()).isEqualTo(MailKind.COMMENT);
    assertThat(m.content()).contains("Grüße, a long line that is soft wrapped.");
    assertThat(m.trailers()).containsExactly(new Trailer("Reviewed-by", "Jörg Müller <jorg@example.org>"));
  }

  @Test
  void onlyRealTrailerLinesCount() throws Exception {
    ParsedMail m = parse("""
        From: Rev <rev@example.org>
        Subject: Re: [PATCH 2/3] mm: fix
        Message-ID: <review@example.org>
        In-Reply-To: <patch@example.org>

        > Reviewed-by: Quoted Person <quoted@example.org>
        > Fixes: 0123456789ab ("quoted")
        Fixes: the crash when the list is empty, I think.
        Tested-by: nobody yet
          Acked-by: Indented <indented@example.org>

        Reviewed-by: Real Reviewer <real@example.org>
        Fixes: 0123456789ab ("mm: add the list")
        Cc: stable@vger.kernel.org # 6.1+
        Cc: someone@example.org
        Link: https://lore.kernel.org/r/patch@example.org
        Based-on: <base@example.org>
        Supersedes: <v1@example.org>

        --\040
        Reviewed-by: In Signature <sig@example.org>
        """);
    assertThat(m.trailers()).containsExactly(
        new Trailer("Reviewed-by", "Real Reviewer <real@example.org>"),
        new Trailer("Fixes", "0123456789ab (\"mm: add the list\")"),
        new Trailer("Cc", "stable@vger.kernel.org # 6.1+"),
        new Trailer("Link", "https://lore.kernel.org/r/patch@example.org"),
        new Trailer("Based-on", "<base@example.org>"),
        new Trailer("Supersedes", "<v1@example.org>"));
  }

  @Test
  void patchTrailersStopAtTheSeparator() throws Exception {
    ParsedMail m = parse("""
        From: Dev <dev@example.org>
        Subject: [PATCH] lib: set b
        Message-ID: <sep@example.org>

        Set b.

        Signed-off-by: Dev <dev@example.org>
        ---
        v2: Reviewed-by: Not A Trailer <not@example.org>
        Acked-by: After Separator <after@example.org>

        """ + DIFF);
    assertThat(m.trailers()).extracting(Trailer::key).containsExactly("Signed-off-by");
  }

  @Test
  void inBodyFromIsTheAuthor() throws Exception {
    ParsedMail m = parse("""
        From: Maintainer <maint@example.org>
        Subject: [PATCH] lib: set b
        Message-ID: <author@example.org>

        From: Original Author <author@example.org>

        Set b.
        ---
        """ + DIFF);
    assertThat(m.from().email()).isEqualTo("maint@example.org");
    assertThat(m.author().email()).isEqualTo("author@example.org");
    assertThat(m.content()).startsWith("Set b.");
  }

  @Test
  void dmarcMungedSenderIsRecovered() throws Exception {
    ParsedMail m = parse("""
        From: Jane Dev via Linux-kernel <linux-kernel@vger.kernel.org>
        X-Original-From: Jane Dev <jane@example.org>
        Subject: [PATCH] x
        Message-ID: <dmarc@example.org>

        text
        """);
    assertThat(m.from()).isEqualTo(new Person("Jane Dev", "jane@example.org"));
  }

  @Test
  void missingMessageIdGetsAStableSyntheticOne() throws Exception {
    String mail = "From: a@example.org\nSubject: hello\n\nbody\n";
    ParsedMail a = parse(mail);
    ParsedMail b = parse(mail);
    assertThat(a.syntheticId()).isTrue();
    assertThat(a.messageId()).isEqualTo(b.messageId()).endsWith("@synthetic.invalid");
    assertThat(parse(mail + "x").messageId()).isNotEqualTo(a.messageId());
  }

  @Test
  void coverLetterAndPlainComment() throws Exception {
    ParsedMail cover = parse("From: a@example.org\nSubject: [PATCH v2 0/4] things\nMessage-ID: <c@x>\n\nblurb\n");
    assertThat(cover.kind()).isEqualTo(MailKind.COVER);
    ParsedMail talk = parse("From: a@example.org\nSubject: a question\nMessage-ID: <q@x>\n\nwhy?\n");
    assertThat(talk.kind()).isEqualTo(MailKind.COMMENT);
  }

  @Test
  void notAMailIsRefusedWithAReason() {
    assertThatThrownBy(() -> MailParser.parse(new byte[0])).isInstanceOf(MailParseException.class)
        .hasMessageContaining("empty");
    assertThatThrownBy(() -> parse("just some text\nwith no headers\n")).isInstanceOf(MailParseException.class)
        .hasMessageContaining("header");
    assertThatThrownBy(() -> parse("X-Foo: bar\n\nbody\n")).isInstanceOf(MailParseException.class)
        .hasMessageContaining("no From, Subject or Message-ID");
  }

  @Test
  void undeclaredEightBitBodyFallsBackToWindows1252() throws Exception {
    byte[] mail = "From: a@example.org\nSubject: x\nMessage-ID: <w@x>\n\nna\u00efve \u20ac\n"
        .getBytes(java.nio.charset.Charset.forName("windows-1252"));
    assertThat(MailParser.parse(mail).content()).isEqualTo("na\u00efve \u20ac");
  }

  @Test
  void controlCharactersAreRemovedFromMessageIds() throws Exception {
    ParsedMail m = parse("From: a@example.org\nSubject: x\nMessage-ID: <a\u0000b@example.org>\n"
        + "In-Reply-To: <p\u0000q@example.org>\nReferences: <r\u0001s@example.org> <\u0000>\n\nhello\n");
    assertThat(m.messageId()).isEqualTo("ab@example.org");
    assertThat(m.inReplyTo()).isEqualTo("pq@example.org");
    assertThat(m.references()).containsExactly("rs@example.org");
  }
}
