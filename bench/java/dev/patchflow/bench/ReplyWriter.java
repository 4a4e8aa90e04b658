package dev.patchflow.bench;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * Writes the review replies of the corpus: what a reviewer's mail client sends, threaded on
 * the patch (In-Reply-To, References), quoting a little of it and giving a Reviewed-by.
 */
final class ReplyWriter {
  private static final DateTimeFormatter RFC_2822 = DateTimeFormatter.ofPattern("EEE, d MMM yyyy HH:mm:ss Z", Locale.ENGLISH);
  private static final DateTimeFormatter ASCTIME =
      DateTimeFormatter.ofPattern("EEE MMM ppd HH:mm:ss yyyy", Locale.ENGLISH).withZone(ZoneOffset.UTC);
  private static final DateTimeFormatter ID_STAMP = DateTimeFormatter.ofPattern("yyyyMMddHHmmss").withZone(ZoneOffset.UTC);

  private final CorpusSpec spec;
  private int serial; // makes every reply's Message-ID unique

  ReplyWriter(CorpusSpec spec) {
    this.spec = spec;
  }

  PatchMail reply(PatchMail target, Dev reviewer, Dev author, Instant when, Random rnd) {
    String email = reviewer.email();
    String messageId = "<" + ID_STAMP.format(when) + "." + (++serial) + "-" + email.replace('@', '-') + "@mail.example.net>";
    List<String> references = new ArrayList<>(target.references());
    references.add(target.messageId());
    String date = RFC_2822.format(when.atOffset(ZoneOffset.of(reviewer.tz())));
    String subject = target.subject().startsWith("Re: ") ? target.subject() : "Re: " + target.subject();
    StringBuilder m = new StringBuilder();
    m.append("From ").append(email).append(' ').append(ASCTIME.format(when)).append('\n');
    m.append("From: ").append(address(reviewer)).append('\n');
    m.append("To: ").append(address(author)).append('\n');
    m.append("Cc: ").append(spec.listAddress()).append('\n');
    m.append("Subject: ").append(subject).append('\n');
    m.append("Date: ").append(date).append('\n');
    m.append("Message-ID: ").append(messageId).append('\n');
    m.append("In-Reply-To: ").append(target.messageId()).append('\n');
    m.append("References: ").append(String.join(" ", references)).append('\n');
    m.append("List-Id: <").append(spec.listId()).append(">\n");
    m.append("MIME-Version: 1.0\n");
    m.append("Content-Type: text/plain; charset=UTF-8\n");
    m.append("Content-Transfer-Encoding: 8bit\n");
    m.append('\n');
    m.append("On ").append(RFC_2822.format(target.date().atOffset(ZoneOffset.of(author.tz()))))
        .append(", ").append(author.name()).append(" wrote:\n");
    for (String line : quoted(target, rnd)) {
      m.append(line.isEmpty() ? ">" : "> " + line).append('\n');
    }
    m.append('\n').append(Prose.reviewComment(rnd)).append("\n\n");
    m.append("Reviewed-by: ").append(reviewer.ident()).append('\n');
    return new PatchMail(messageId, subject, when, references, m.toString());
  }

  /** Some of the diff for a patch, the start of the text for a cover letter. */
  private static List<String> quoted(PatchMail target, Random rnd) {
    List<String> body = List.of(target.body().split("\n", -1));
    for (int i = 0; i < body.size(); i++) {
      if (body.get(i).startsWith("diff --git ")) {
        return body.subList(i, Math.min(body.size(), i + 6 + rnd.nextInt(6)));
      }
    }
    return body.subList(0, Math.min(body.size(), 4));
  }

  /** A display name as mail clients send it: RFC 2047-encoded when it is not ASCII. */
  static String address(Dev d) {
    boolean ascii = d.name().chars().allMatch(c -> c < 128);
    String name = ascii ? d.name()
        : "=?UTF-8?B?" + Base64.getEncoder().encodeToString(d.name().getBytes(StandardCharsets.UTF_8)) + "?=";
    return name + " <" + d.email() + ">";
  }
}
