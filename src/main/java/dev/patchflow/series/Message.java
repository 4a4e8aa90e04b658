package dev.patchflow.series;

import dev.patchflow.mail.MailKind;
import dev.patchflow.mail.ParsedMail;
import dev.patchflow.mail.Person;
import dev.patchflow.mail.Subject;
import dev.patchflow.mail.Trailer;
import java.time.Instant;
import java.util.List;

/**
 * What threading needs to know of a stored mail.
 *
 * @param seq arrival order (the store's id); breaks ties between equal dates
 * @param parents In-Reply-To, then References newest first
 * @param date the Date header, or the arrival time when it could not be read
 */
public record Message(
    long seq, String messageId, List<String> parents, Person from, Instant date, MailKind kind,
    Subject subject, List<Trailer> trailers) {

  public Message {
    parents = List.copyOf(parents);
    trailers = List.copyOf(trailers);
  }

  public static Message of(long seq, ParsedMail mail, Instant arrived) {
    return new Message(seq, mail.messageId(), mail.parents(), mail.from(),
        mail.date() == null ? arrived : mail.date(), mail.kind(), mail.subject(), mail.trailers());
  }

  boolean isNumbered() {
    return subject.number() != null;
  }
}
