package dev.patchflow.series;

import static org.assertj.core.api.Assertions.assertThat;

import dev.patchflow.mail.MailParseException;
import dev.patchflow.mail.MailParser;
import dev.patchflow.mail.ParsedMail;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Threading cases the corpus lacks, on hand-written mail. */
class SeriesAssemblerTest {
  private static final String DIFF = "---\ndiff --git a/f b/f\n--- a/f\n+++ b/f\n@@ -1 +1 @@\n-a\n+b\n";

  private static ParsedMail mail(String from, String subject, String id, String inReplyTo, String date, String body)
      throws MailParseException {
    String text = "From: " + from + "\nSubject: " + subject + "\nMessage-ID: <" + id + ">\nDate: " + date + "\n"
        + (inReplyTo == null ? "" : "In-Reply-To: <" + inReplyTo + ">\n") + "\n" + body;
    return MailParser.parse(text.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void explicitSupersedesLinksASeriesWithANewName() throws Exception {
    List<ParsedMail> mails = new ArrayList<>();
    mails.add(mail("a@x", "[PATCH 0/1] old name", "c1@x", null, "Mon, 5 Jan 2026 10:00:00 +0000", "blurb\n"));
    mails.add(mail("a@x", "[PATCH 1/1] fix", "p1@x", "c1@x", "Mon, 5 Jan 2026 10:00:01 +0000", "x\n" + DIFF));
    mails.add(mail("a@x", "[PATCH v2 0/1] a better name", "c2@x", null, "Mon, 12 Jan 2026 10:00:00 +0000",
        "blurb\n\nSupersedes: <c1@x>\n"));
    mails.add(mail("a@x", "[PATCH v2 1/1] fix", "p2@x", "c2@x", "Mon, 12 Jan 2026 10:00:01 +0000", "x\n" + DIFF));
    List<Series> all = SeriesAssembler.assemble(Threads.messages(mails));
    Series v1 = all.stream().filter(s -> s.anchor().equals("c1@x")).findFirst().orElseThrow();
    Series v2 = all.stream().filter(s -> s.anchor().equals("c2@x")).findFirst().orElseThrow();
    assertThat(v2.previousVersion()).isEqualTo("c1@x");
    assertThat(v1.nextVersion()).isEqualTo("c2@x");
    assertThat(v2.seriesTrailers()).extracting(t -> t.trailer().key()).contains("Supersedes");
  }

  @Test
  void differentSendersWithTheSameSubjectAreNotVersionsOfEachOther() throws Exception {
    List<ParsedMail> mails = List.of(
        mail("a@x", "[PATCH] fix typo", "a1@x", null, "Mon, 5 Jan 2026 10:00:00 +0000", "x\n" + DIFF),
        mail("b@x", "[PATCH v2] fix typo", "b2@x", null, "Mon, 6 Jan 2026 10:00:00 +0000", "x\n" + DIFF));
    assertThat(SeriesAssembler.assemble(Threads.messages(mails)))
        .allSatisfy(s -> assertThat(s.previousVersion()).isNull());
  }

  @Test
  void replyToTheCoverCountsForEveryPatchAndRepliesToRepliesFindTheirPatch() throws Exception {
    List<ParsedMail> mails = List.of(
        mail("a@x", "[PATCH 0/2] things", "c@x", null, "Mon, 5 Jan 2026 10:00:00 +0000", "blurb\n"),
        mail("a@x", "[PATCH 1/2] one", "p1@x", "c@x", "Mon, 5 Jan 2026 10:00:01 +0000", "x\n" + DIFF),
        mail("a@x", "[PATCH 2/2] two", "p2@x", "p1@x", "Mon, 5 Jan 2026 10:00:02 +0000", "x\n" + DIFF),
        mail("r@x", "Re: [PATCH 0/2] things", "ack@x", "c@x", "Mon, 5 Jan 2026 11:00:00 +0000",
            "Acked-by: R <r@x>\n"),
        mail("a@x", "Re: [PATCH 2/2] two", "q@x", "p2@x", "Mon, 5 Jan 2026 12:00:00 +0000", "question\n"),
        mail("t@x", "Re: [PATCH 2/2] two", "t@x", "q@x", "Mon, 5 Jan 2026 13:00:00 +0000",
            "> question\nTested-by: T <t@x>\n"));
    Series s = SeriesAssembler.assemble(Threads.messages(mails)).get(0);
    assertThat(s.replies()).extracting(Reply::answers).containsExactly("c@x", "p2@x", "p2@x");
    assertThat(s.patches().get(0).trailers()).extracting(t -> t.trailer().toString())
        .containsExactly("Acked-by: R <r@x>");
    assertThat(s.patches().get(1).trailers()).extracting(t -> t.trailer().toString())
        .containsExactly("Tested-by: T <t@x>", "Acked-by: R <r@x>");
  }
}
