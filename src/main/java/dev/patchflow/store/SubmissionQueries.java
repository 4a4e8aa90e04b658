package dev.patchflow.store;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/** Reading patches, covers and comments as a project tracks them. */
public final class SubmissionQueries {

  public List<SubmissionRow> list(Handle h, SubmissionFilter f, int limit, int offset) {
    Where w = where(f);
    String order = switch (f.order() == null ? "id" : f.order()) {
      case "-id" -> "mp.seq DESC";
      case "date" -> "m.sent_at, mp.seq";
      case "-date" -> "m.sent_at DESC, mp.seq DESC";
      case "name" -> "m.name, mp.seq";
      case "-name" -> "m.name DESC, mp.seq DESC";
      default -> "mp.seq";
    };
    return w.bind(h.createQuery("SELECT " + SubmissionRow.COLUMNS + SubmissionRow.FROM + w.sql()
            + " ORDER BY " + order + " LIMIT :limit OFFSET :offset"))
        .bind("limit", limit).bind("offset", offset).map((rs, ctx) -> SubmissionRow.of(rs)).list();
  }

  public long count(Handle h, SubmissionFilter f) {
    Where w = where(f);
    return w.bind(h.createQuery("SELECT COUNT(*)" + SubmissionRow.FROM + w.sql())).mapTo(Long.class).one();
  }

  public Optional<SubmissionRow> byId(Handle h, long id, List<String> kinds) {
    return h.createQuery("SELECT " + SubmissionRow.COLUMNS + SubmissionRow.FROM + " WHERE mp.seq = :id AND m.kind IN (<k>)")
        .bind("id", id).bindList("k", kinds).map((rs, ctx) -> SubmissionRow.of(rs)).findOne();
  }

  public Optional<SubmissionRow> byMsgid(Handle h, long projectId, String msgid) {
    return h.createQuery("SELECT " + SubmissionRow.COLUMNS + SubmissionRow.FROM
            + " WHERE mp.project_id = :p AND m.msgid = :m")
        .bind("p", projectId).bind("m", msgid).map((rs, ctx) -> SubmissionRow.of(rs)).findOne();
  }

  /** Submissions of a series in series order (cover first), by series id. */
  public Map<Long, List<SubmissionRow>> ofSeries(Handle h, List<Long> seriesIds, String role) {
    Map<Long, List<SubmissionRow>> out = new HashMap<>();
    if (seriesIds.isEmpty()) {
      return out;
    }
    h.createQuery("SELECT sm.series_id AS owner, " + SubmissionRow.COLUMNS + SubmissionRow.FROM
            + " JOIN series_member sm ON sm.message_id = m.id JOIN series s2 ON s2.id = sm.series_id "
            + "AND s2.project_id = mp.project_id WHERE sm.series_id IN (<ids>) AND sm.role = :role ORDER BY sm.position")
        .bindList("ids", seriesIds).bind("role", role)
        .map((rs, ctx) -> Map.entry(rs.getLong("owner"), SubmissionRow.of(rs)))
        .forEach(e -> out.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(e.getValue()));
    return out;
  }

  /** The mail's text part and diff, and its raw bytes (for headers and mbox). */
  public record Body(String content, String diff, byte[] raw) {}

  public Optional<Body> body(Handle h, long messageId) {
    return h.createQuery("SELECT content, diff, raw FROM message_body WHERE message_id = :id").bind("id", messageId)
        .map((rs, ctx) -> new Body(rs.getString(1), rs.getString(2), rs.getBytes(3))).findOne();
  }

  public Map<Long, Body> bodies(Handle h, List<Long> messageIds) {
    Map<Long, Body> out = new HashMap<>();
    if (!messageIds.isEmpty()) {
      h.createQuery("SELECT message_id, content, diff, raw FROM message_body WHERE message_id IN (<ids>)")
          .bindList("ids", messageIds)
          .map((rs, ctx) -> Map.entry(rs.getLong(1), new Body(rs.getString(2), rs.getString(3), rs.getBytes(4))))
          .forEach(e -> out.put(e.getKey(), e.getValue()));
    }
    return out;
  }

  private static Where where(SubmissionFilter f) {
    Where w = new Where();
    w.andIn("m.kind IN (<kinds>)", "kinds", f.kinds());
    if (!f.projects().isEmpty()) {
      w.andIn("mp.project_id IN (<projects>)", "projects", f.projects());
    }
    if (!f.series().isEmpty()) {
      w.andIn("EXISTS (SELECT 1 FROM series_member sm WHERE sm.message_id = m.id AND sm.series_id IN (<series>))",
          "series", f.series());
    }
    w.submitters(f.submitters(), f.submitterEmails());
    if (!f.delegates().isEmpty()) {
      w.andIn("mp.delegate_id IN (<delegates>)", "delegates", f.delegates());
    }
    if (!f.states().isEmpty()) {
      w.andIn("mp.state_id IN (<states>)", "states", f.states());
    }
    if (f.archived() != null) {
      w.and("mp.archived = :archived", "archived", f.archived());
    }
    if (!f.hashes().isEmpty()) {
      w.andIn("m.hash IN (<hashes>)", "hashes", f.hashes());
    }
    if (!f.msgids().isEmpty()) {
      w.andIn("m.msgid IN (<msgids>)", "msgids", f.msgids());
    }
    if (f.since() != null) {
      w.and("m.sent_at >= :since", "since", Sql.time(f.since()));
    }
    if (f.before() != null) {
      w.and("m.sent_at < :before", "before", Sql.time(f.before()));
    }
    if (f.q() != null && !f.q().isBlank()) {
      w.and("LOWER(m.name) LIKE :q", "q", "%" + f.q().toLowerCase(java.util.Locale.ROOT) + "%");
    }
    if (f.answers() != null) {
      w.and("EXISTS (SELECT 1 FROM series_member sm WHERE sm.message_id = m.id AND sm.role = 'reply' "
          + "AND sm.answers_id = :answers)", "answers", f.answers());
    }
    return w;
  }
}
