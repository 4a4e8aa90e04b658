package dev.patchflow.store;

import dev.patchflow.mail.Diff;
import dev.patchflow.mail.ParsedMail;
import dev.patchflow.mail.Subject;
import java.time.Instant;

/**
 * A parsed mail as the message table takes it: every column value worked out up front, so the
 * importer can do that on its parse thread and the storing thread only binds.
 */
public record IncomingMail(
    String messageId, boolean syntheticId, String kind, String subject, String name, String prefixes,
    int version, Integer number, Integer total, boolean reply, String fromName, String fromEmail,
    String authorName, String authorEmail, Instant sentAt, Instant receivedAt, String inReplyTo, String refs,
    String trailers, String content, String diff, String diffstat, String hash, String pullUrl, String origin,
    String rawSha256, byte[] raw, String recipients) {

  public static IncomingMail of(ParsedMail m, byte[] raw, String rawSha256, String origin, Instant receivedAt) {
    Subject s = m.subject();
    Diff d = m.diff();
    return new IncomingMail(m.messageId(), m.syntheticId(), m.kind().name(), Sql.text(s.raw(), 4000),
        Sql.text(s.name(), 4000), Sql.text(String.join(",", s.prefixes()), 1000), s.version(), s.number(),
        s.total(), s.reply(), Sql.text(m.from().name(), 1000), Sql.text(m.from().email(), 1000),
        Sql.text(m.author().name(), 1000), Sql.text(m.author().email(), 1000), m.date(), receivedAt,
        m.inReplyTo(), Sql.text(String.join(" ", m.references())), Sql.text(Trailers.join(m.trailers())),
        Sql.text(m.content()), d == null ? null : Sql.text(d.text()), d == null ? null : Sql.text(d.diffstat()),
        d == null ? null : d.hash(), m.pullRequest() == null ? null : Sql.text(m.pullRequest().pullUrl(), 2000),
        Sql.text(origin, 2000), rawSha256, raw,
        Sql.text(String.join(", ", m.recipients().stream().map(dev.patchflow.mail.Person::email).distinct().toList()), 4000));
  }
}
