package dev.patchflow.store;

import java.time.Instant;
import java.util.List;
import org.jdbi.v3.core.Handle;

/** What happened to patches and series, for clients that poll (Patchwork's events). */
public final class EventRepository {
  /** An event; the ids that do not apply to its category are null. */
  public record Event(long id, long projectId, String category, Instant date, Long actorId, Long patchId, Long seriesId,
      Long coverId, Long commentId, Long checkId, Integer previousState, Integer currentState, Long previousDelegate,
      Long currentDelegate) {

    public static Event of(long projectId, String category, Instant date, Long actorId) {
      return new Event(0, projectId, category, date, actorId, null, null, null, null, null, null, null, null, null);
    }

    public Event patch(Long id) {
      return new Event(this.id, projectId, category, date, actorId, id, seriesId, coverId, commentId, checkId,
          previousState, currentState, previousDelegate, currentDelegate);
    }

    public Event series(Long id) {
      return new Event(this.id, projectId, category, date, actorId, patchId, id, coverId, commentId, checkId,
          previousState, currentState, previousDelegate, currentDelegate);
    }

    public Event cover(Long id) {
      return new Event(this.id, projectId, category, date, actorId, patchId, seriesId, id, commentId, checkId,
          previousState, currentState, previousDelegate, currentDelegate);
    }

    public Event check(Long id) {
      return new Event(this.id, projectId, category, date, actorId, patchId, seriesId, coverId, commentId, id,
          previousState, currentState, previousDelegate, currentDelegate);
    }

    public Event states(Integer previous, Integer current) {
      return new Event(this.id, projectId, category, date, actorId, patchId, seriesId, coverId, commentId, checkId,
          previous, current, previousDelegate, currentDelegate);
    }

    public Event delegates(Long previous, Long current) {
      return new Event(this.id, projectId, category, date, actorId, patchId, seriesId, coverId, commentId, checkId,
          previousState, currentState, previous, current);
    }
  }

  /** Filters: empty lists mean any. */
  public record Filter(List<Long> projects, List<String> categories, List<Long> series, List<Long> patches,
      List<Long> covers, List<Long> actors, Instant since, Instant before) {}

  public void add(Handle h, List<Event> events) {
    JdbcBatch.insert(h, "INSERT INTO event (project_id, category, created_at, actor_id, patch_id, series_id, cover_id, "
        + "comment_id, check_id, previous_state, current_state, previous_delegate, current_delegate) "
        + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", events, (ps, e) -> {
          ps.setLong(1, e.projectId());
          ps.setString(2, e.category());
          JdbcBatch.setTime(ps, 3, e.date());
          JdbcBatch.setLong(ps, 4, e.actorId());
          JdbcBatch.setLong(ps, 5, e.patchId());
          JdbcBatch.setLong(ps, 6, e.seriesId());
          JdbcBatch.setLong(ps, 7, e.coverId());
          JdbcBatch.setLong(ps, 8, e.commentId());
          JdbcBatch.setLong(ps, 9, e.checkId());
          JdbcBatch.setInt(ps, 10, e.previousState());
          JdbcBatch.setInt(ps, 11, e.currentState());
          JdbcBatch.setLong(ps, 12, e.previousDelegate());
          JdbcBatch.setLong(ps, 13, e.currentDelegate());
        }, null);
  }

  /** Newest first, as Patchwork orders them. */
  public List<Event> list(Handle h, Filter f, int limit, int offset) {
    Where w = new Where();
    if (!f.projects().isEmpty()) {
      w.andIn("project_id IN (<projects>)", "projects", f.projects());
    }
    if (!f.categories().isEmpty()) {
      w.andIn("category IN (<categories>)", "categories", f.categories());
    }
    if (!f.series().isEmpty()) {
      w.andIn("series_id IN (<series>)", "series", f.series());
    }
    if (!f.patches().isEmpty()) {
      w.andIn("patch_id IN (<patches>)", "patches", f.patches());
    }
    if (!f.covers().isEmpty()) {
      w.andIn("cover_id IN (<covers>)", "covers", f.covers());
    }
    if (!f.actors().isEmpty()) {
      w.andIn("actor_id IN (<actors>)", "actors", f.actors());
    }
    if (f.since() != null) {
      w.and("created_at >= :since", "since", Sql.time(f.since()));
    }
    if (f.before() != null) {
      w.and("created_at < :before", "before", Sql.time(f.before()));
    }
    return w.bind(h.createQuery("SELECT id, project_id, category, created_at, actor_id, patch_id, series_id, cover_id, "
            + "comment_id, check_id, previous_state, current_state, previous_delegate, current_delegate FROM event"
            + w.sql() + " ORDER BY created_at DESC, id DESC LIMIT :limit OFFSET :offset"))
        .bind("limit", limit).bind("offset", offset)
        .map((rs, ctx) -> new Event(rs.getLong("id"), rs.getLong("project_id"), rs.getString("category"),
            Sql.instant(rs, "created_at"), Sql.longOrNull(rs, "actor_id"), Sql.longOrNull(rs, "patch_id"),
            Sql.longOrNull(rs, "series_id"), Sql.longOrNull(rs, "cover_id"), Sql.longOrNull(rs, "comment_id"),
            Sql.longOrNull(rs, "check_id"), Sql.integer(rs, "previous_state"), Sql.integer(rs, "current_state"),
            Sql.longOrNull(rs, "previous_delegate"), Sql.longOrNull(rs, "current_delegate")))
        .list();
  }
}
