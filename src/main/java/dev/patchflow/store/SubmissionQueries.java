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
    return withSeries(h, w.bind(h.createQuery("SELECT " + SubmissionRow.COLUMNS + SubmissionRow.FROM + w.sql()
            + " ORDER BY " + order + " LIMIT :limit OFFSET :offset"))
        .bind("limit", limit).bind("offset", offset).map((rs, ctx) -> SubmissionRow.of(rs)).list());
  }

  public long count(Handle h, SubmissionFilter f) {
    Where w = where(f);
    return w.bind(h.createQuery("SELECT COUNT(*)" + SubmissionRow.FROM + w.sql())).mapTo(Long.class).one();
  }

  public Optional<SubmissionRow> byId(Handle h, long id, List<String> kinds) {
    return withSeries(h, h.createQuery("SELECT " + SubmissionRow.COLUMNS + SubmissionRow.FROM
            + " WHERE mp.seq = :id AND m.kind IN (<k>)")
        .bind("id", id).bindList("k", kinds).map((rs, ctx) -> SubmissionRow.of(rs)).list()).stream().findFirst();
  }

  public Optional<SubmissionRow> byMsgid(Handle h, long projectId, String msgid) {
    return withSeries(h, h.createQuery("SELECT " + SubmissionRow.COLUMNS + SubmissionRow.FROM
            + " WHERE mp.project_id = :p AND m.msgid = :m")
        .bind("p", projectId).bind("m", msgid).map((rs, ctx) -> SubmissionRow.of(rs)).list()).stream().findFirst();
  }

  /**
   * Adds each row's series (and, for a comment, what it answers), for the whole page in one
   * query: as subqueries in the select list, H2 ran them for every candidate row before paging.
   */
  private List<SubmissionRow> withSeries(Handle h, List<SubmissionRow> rows) {
    if (rows.isEmpty()) {
      return rows;
    }
    record Place(long series, Long answers) {}
    Map<String, Place> places = new HashMap<>();
    h.createQuery("SELECT sm.message_id, s.project_id, sm.series_id, sm.answers_id FROM series_member sm "
            + "JOIN series s ON s.id = sm.series_id WHERE sm.message_id IN (<m>) ORDER BY sm.series_id")
        .bindList("m", rows.stream().map(SubmissionRow::messageId).distinct().toList())
        .map((rs, ctx) -> Map.entry(rs.getLong(1) + ":" + rs.getLong(2),
            new Place(rs.getLong(3), Sql.longOrNull(rs, "answers_id"))))
        .forEach(e -> places.putIfAbsent(e.getKey(), e.getValue()));
    List<SubmissionRow> out = new ArrayList<>(rows.size());
    for (SubmissionRow r : rows) {
      Place p = places.get(r.messageId() + ":" + r.projectId());
      out.add(p == null ? r : r.inSeries(p.series(), p.answers()));
    }
    return out;
  }

  /**
   * Submissions of some series in series order, by series id. Members are looked up first (by
   * the series key), then their submissions by message: letting the database plan it as one
   * join made it scan every submission of the project.
   */
  public Map<Long, List<SubmissionRow>> ofSeries(Handle h, List<Long> seriesIds, String role) {
    Map<Long, List<SubmissionRow>> out = new HashMap<>();
    if (seriesIds.isEmpty()) {
      return out;
    }
    record Member(long series, long message, long project) {}
    List<Member> members = h.createQuery("SELECT sm.series_id, sm.message_id, s.project_id FROM series_member sm "
            + "JOIN series s ON s.id = sm.series_id WHERE sm.series_id IN (<ids>) AND sm.role = :role "
            + "ORDER BY sm.series_id, sm.position")
        .bindList("ids", seriesIds).bind("role", role)
        .map((rs, ctx) -> new Member(rs.getLong(1), rs.getLong(2), rs.getLong(3))).list();
    if (members.isEmpty()) {
      return out;
    }
    Map<String, SubmissionRow> byKey = new HashMap<>();
    for (int i = 0; i < members.size(); i += 500) {
      List<Member> chunk = members.subList(i, Math.min(members.size(), i + 500));
      h.createQuery("SELECT " + SubmissionRow.COLUMNS + SubmissionRow.FROM + " WHERE mp.message_id IN (<m>)")
          .bindList("m", chunk.stream().map(Member::message).toList())
          .map((rs, ctx) -> SubmissionRow.of(rs))
          .forEach(r -> byKey.put(r.messageId() + ":" + r.projectId(), r));
    }
    for (Member m : members) {
      SubmissionRow r = byKey.get(m.message() + ":" + m.project());
      if (r != null) {
        out.computeIfAbsent(m.series(), k -> new ArrayList<>()).add(r.inSeries(m.series(), null));
      }
    }
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
      w.andIn("m.id IN (SELECT sm.message_id FROM series_member sm WHERE sm.series_id IN (<series>))", "series", f.series());
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
      w.and("m.id IN (SELECT sm.message_id FROM series_member sm WHERE sm.answers_id = :answers AND sm.role = 'reply')",
          "answers", f.answers());
    }
    return w;
  }
}
