package dev.patchflow.store;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.Query;

/** Reading series back for people and tools. */
public final class SeriesQueries {
  private static final String SUMMARY_COLUMNS = "s.id, p.name AS project, s.name, s.version, s.total, s.received, "
      + "s.complete, s.submitter_name, s.submitter_email, s.sent_at, s.previous_id, s.next_id";

  public List<SeriesSummary> list(Handle h, SeriesFilter f) {
    StringBuilder sql = new StringBuilder("SELECT " + SUMMARY_COLUMNS
        + " FROM series s JOIN project p ON p.id = s.project_id WHERE 1 = 1");
    if (f.project() != null) {
      sql.append(" AND p.name = :project");
    }
    if (f.state() != null) {
      sql.append(switch (f.state()) {
        case COMPLETE -> " AND s.complete = TRUE";
        case INCOMPLETE -> " AND s.complete = FALSE";
        case SUPERSEDED -> " AND s.next_id IS NOT NULL";
        case CURRENT -> " AND s.next_id IS NULL";
      });
    }
    sql.append(" ORDER BY s.sent_at DESC, s.id DESC LIMIT :limit");
    Query q = h.createQuery(sql.toString()).bind("limit", f.limit());
    if (f.project() != null) {
      q.bind("project", f.project());
    }
    return q.map((rs, ctx) -> summary(rs)).list();
  }

  public Optional<SeriesDetail> get(Handle h, long id) {
    Optional<SeriesSummary> summary = h.createQuery("SELECT " + SUMMARY_COLUMNS
            + " FROM series s JOIN project p ON p.id = s.project_id WHERE s.id = :id")
        .bind("id", id).map((rs, ctx) -> summary(rs)).findOne();
    if (summary.isEmpty()) {
      return Optional.empty();
    }
    record Member(String role, int number, SeriesDetail.MessageRef ref, String hash, String diffstat,
        List<SeriesDetail.TrailerEntry> own) {}
    List<Member> members = h.createQuery("SELECT sm.role, sm.number, m.id, m.msgid, m.subject, m.from_name, "
            + "m.from_email, m.hash, m.diffstat, m.trailers FROM series_member sm JOIN message m ON m.id = sm.message_id "
            + "WHERE sm.series_id = :id ORDER BY sm.position")
        .bind("id", id)
        .map((rs, ctx) -> {
          String msgid = rs.getString("msgid");
          return new Member(rs.getString("role"), rs.getInt("number"),
              new SeriesDetail.MessageRef(rs.getLong("id"), msgid, rs.getString("subject"),
                  rs.getString("from_name"), rs.getString("from_email")),
              rs.getString("hash"), rs.getString("diffstat"),
              Trailers.split(rs.getString("trailers")).stream()
                  .map(t -> new SeriesDetail.TrailerEntry(t.key(), t.value(), msgid)).toList());
        })
        .list();
    Map<Long, List<SeriesDetail.TrailerEntry>> byPatch = new HashMap<>();
    List<SeriesDetail.TrailerEntry> seriesTrailers = new ArrayList<>();
    h.createQuery("SELECT t.patch_id, t.name, t.content, m.msgid FROM series_trailer t JOIN message m ON m.id = t.given_in "
            + "WHERE t.series_id = :id ORDER BY t.position")
        .bind("id", id)
        .map((rs, ctx) -> Map.entry(Optional.ofNullable(Sql.longOrNull(rs, "patch_id")),
            new SeriesDetail.TrailerEntry(rs.getString("name"), rs.getString("content"), rs.getString("msgid"))))
        .forEach(e -> {
          if (e.getKey().isPresent()) {
            byPatch.computeIfAbsent(e.getKey().get(), k -> new ArrayList<>()).add(e.getValue());
          } else {
            seriesTrailers.add(e.getValue());
          }
        });
    SeriesDetail.MessageRef cover = null;
    List<SeriesDetail.PatchEntry> patches = new ArrayList<>();
    List<SeriesDetail.MessageRef> replies = new ArrayList<>();
    for (Member m : members) {
      switch (m.role()) {
        case "cover" -> cover = m.ref();
        case "patch" -> {
          List<SeriesDetail.TrailerEntry> trailers = new ArrayList<>(m.own());
          trailers.addAll(byPatch.getOrDefault(m.ref().id(), List.of()));
          patches.add(new SeriesDetail.PatchEntry(m.number(), m.ref(), m.hash(), m.diffstat(), trailers));
        }
        default -> replies.add(m.ref());
      }
    }
    return Optional.of(new SeriesDetail(summary.get(), cover, patches, seriesTrailers, replies));
  }

  /** Filters for the API's series lists; empty lists mean any, values in one list are OR-ed. */
  public record RowFilter(List<Long> projects, List<Long> submitters, List<String> submitterEmails,
      java.time.Instant since, java.time.Instant before, String q, String order, dev.patchflow.search.Query search,
      java.time.Instant now) {

    public RowFilter(List<Long> projects, List<Long> submitters, List<String> submitterEmails, java.time.Instant since,
        java.time.Instant before, String q, String order) {
      this(projects, submitters, submitterEmails, since, before, q, order, null, null);
    }
  }

  public List<SeriesRow> rows(Handle h, RowFilter f, int limit, int offset) {
    Where w = rowWhere(f);
    String order = switch (f.order() == null ? "id" : f.order()) {
      case "-id" -> "s.id DESC";
      case "date" -> "s.sent_at, s.id";
      case "-date" -> "s.sent_at DESC, s.id DESC";
      case "name" -> "s.name, s.id";
      case "-name" -> "s.name DESC, s.id DESC";
      default -> "s.id";
    };
    return w.bind(h.createQuery("SELECT " + SeriesRow.COLUMNS + w.sql() + " ORDER BY " + order
            + " LIMIT :limit OFFSET :offset"))
        .bind("limit", limit).bind("offset", offset).map((rs, ctx) -> SeriesRow.of(rs)).list();
  }

  public long countRows(Handle h, RowFilter f) {
    Where w = rowWhere(f);
    // the people join is only needed to filter on them
    String from = f.submitters().isEmpty() && f.submitterEmails().isEmpty() ? "FROM series s"
        : "FROM series s JOIN person pe ON pe.email = s.submitter_email";
    return w.bind(h.createQuery("SELECT COUNT(*) " + from + w.sql())).mapTo(Long.class).one();
  }

  public Optional<SeriesRow> row(Handle h, long id) {
    return h.createQuery("SELECT " + SeriesRow.COLUMNS + " WHERE s.id = :id").bind("id", id)
        .map((rs, ctx) -> SeriesRow.of(rs)).findOne();
  }

  public List<SeriesRow> rows(Handle h, List<Long> ids) {
    if (ids.isEmpty()) {
      return List.of();
    }
    return h.createQuery("SELECT " + SeriesRow.COLUMNS + " WHERE s.id IN (<ids>)").bindList("ids", ids)
        .map((rs, ctx) -> SeriesRow.of(rs)).list();
  }

  private static Where rowWhere(RowFilter f) {
    Where w = new Where();
    if (!f.projects().isEmpty()) {
      w.andIn("s.project_id IN (<projects>)", "projects", f.projects());
    }
    w.submitters(f.submitters(), f.submitterEmails());
    if (f.since() != null) {
      w.and("s.sent_at >= :since", "since", Sql.time(f.since()));
    }
    if (f.before() != null) {
      w.and("s.sent_at < :before", "before", Sql.time(f.before()));
    }
    if (f.q() != null && !f.q().isBlank()) {
      w.and("LOWER(s.name) LIKE :q", "q", "%" + f.q().toLowerCase(java.util.Locale.ROOT) + "%");
    }
    if (f.search() != null) {
      SeriesSearch.apply(f.search(), f.now(), w);
    }
    return w;
  }

  public long count(Handle h) {
    return h.createQuery("SELECT COUNT(*) FROM series").mapTo(Long.class).one();
  }

  private static SeriesSummary summary(java.sql.ResultSet rs) throws java.sql.SQLException {
    return new SeriesSummary(rs.getLong("id"), rs.getString("project"), rs.getString("name"), rs.getInt("version"),
        rs.getInt("total"), rs.getInt("received"), rs.getBoolean("complete"), rs.getString("submitter_name"),
        rs.getString("submitter_email"), Sql.instant(rs, "sent_at"), Sql.longOrNull(rs, "previous_id"),
        Sql.longOrNull(rs, "next_id"));
  }
}
