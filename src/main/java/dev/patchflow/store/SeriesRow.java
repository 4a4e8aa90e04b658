package dev.patchflow.store;

import java.time.Instant;

/** A series as the APIs list it. */
public record SeriesRow(
    long id, long projectId, String name, Instant date, long personId, String personName, String personEmail,
    int version, int total, int received, boolean complete, Long previousId, Long nextId) {

  static final String COLUMNS = "s.id, s.project_id, s.name, s.sent_at, pe.id AS person_id, pe.name AS person_name, "
      + "pe.email AS person_email, s.version, s.total, s.received, s.complete, s.previous_id, s.next_id "
      + "FROM series s JOIN person pe ON pe.email = s.submitter_email";

  static SeriesRow of(java.sql.ResultSet rs) throws java.sql.SQLException {
    return new SeriesRow(rs.getLong("id"), rs.getLong("project_id"), rs.getString("name"), Sql.instant(rs, "sent_at"),
        rs.getLong("person_id"), rs.getString("person_name"), rs.getString("person_email"), rs.getInt("version"),
        rs.getInt("total"), rs.getInt("received"), rs.getBoolean("complete"), Sql.longOrNull(rs, "previous_id"),
        Sql.longOrNull(rs, "next_id"));
  }
}
