package dev.patchflow.store;

import dev.patchflow.mail.Subject;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;

/**
 * A mail as a project tracks it (Patchwork's patch, cover or comment): {@code id} is the
 * project link's id, the one the APIs use.
 */
public record SubmissionRow(
    long id, long projectId, long messageId, String msgid, String kind, Instant date, Subject subject,
    String commitRef, String pullUrl, int stateId, boolean archived, String hash, long personId, String personName,
    String personEmail, Long delegateId, Long seriesId, Long answersId) {

  static final String COLUMNS = "mp.seq AS id, mp.project_id, m.id AS message_id, m.msgid, m.kind, m.sent_at, "
      + "m.received_at, m.subject, m.name, m.prefixes, m.version, m.number, m.total, m.reply, mp.commit_ref, m.pull_url, "
      + "mp.state_id, mp.archived, m.hash, pe.id AS person_id, pe.name AS person_name, pe.email AS person_email, "
      + "mp.delegate_id";

  static final String FROM = " FROM message_project mp JOIN message m ON m.id = mp.message_id "
      + "JOIN person pe ON pe.email = m.from_email";

  static SubmissionRow of(java.sql.ResultSet rs) throws java.sql.SQLException {
    String prefixes = rs.getString("prefixes");
    Subject subject = new Subject(rs.getString("subject"), rs.getString("name"),
        prefixes.isEmpty() ? List.of() : Arrays.asList(prefixes.split(",")), rs.getInt("version"),
        Sql.integer(rs, "number"), Sql.integer(rs, "total"), rs.getBoolean("reply"), false, true);
    Instant sent = Sql.instant(rs, "sent_at");
    return new SubmissionRow(rs.getLong("id"), rs.getLong("project_id"), rs.getLong("message_id"), rs.getString("msgid"),
        rs.getString("kind"), sent != null ? sent : Sql.instant(rs, "received_at"), subject, rs.getString("commit_ref"),
        rs.getString("pull_url"), rs.getInt("state_id"), rs.getBoolean("archived"), rs.getString("hash"),
        rs.getLong("person_id"), rs.getString("person_name"), rs.getString("person_email"),
        Sql.longOrNull(rs, "delegate_id"), null, null);
  }

  /** The row with its place in a series (looked up separately, for a whole page at once). */
  SubmissionRow inSeries(Long series, Long answers) {
    return new SubmissionRow(id, projectId, messageId, msgid, kind, date, subject, commitRef, pullUrl, stateId, archived,
        hash, personId, personName, personEmail, delegateId, series, answers);
  }

  /** Patchwork's display name: "[v2,1/4] Subject". */
  public String name() {
    return subject.display();
  }
}
