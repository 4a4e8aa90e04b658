package dev.patchflow.store;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/** The applier's queue and outcomes (series_apply) and its upstream scan marks (upstream_scan). */
public final class ApplyRepository {
  /** One series the applier took on. */
  public record Job(long seriesId, long projectId, String state, int attempts, String baseCommit, String headCommit,
      String tag, Integer failedPatch, String summary, String detail, Instant updated) {}

  private static final String COLUMNS = "series_id, project_id, state, attempts, base_commit, head_commit, tag, "
      + "failed_patch, summary, detail, updated_at";

  /**
   * Queues every complete series of these projects sent since {@code sentSince} that the
   * applier has not taken on yet (pull requests are fetched, not applied). Returns how many.
   */
  public int enqueueComplete(Handle h, Collection<Long> projectIds, Instant sentSince, Instant now) {
    if (projectIds.isEmpty()) {
      return 0;
    }
    return h.createUpdate("INSERT INTO series_apply (series_id, project_id, state, updated_at) "
            + "SELECT s.id, s.project_id, 'pending', :now FROM series s WHERE s.complete = TRUE AND s.project_id IN (<p>) "
            + "AND s.sent_at >= :since "
            + "AND NOT EXISTS (SELECT 1 FROM series_apply a WHERE a.series_id = s.id) "
            + "AND NOT EXISTS (SELECT 1 FROM series_member m JOIN message mm ON mm.id = m.message_id "
            + "WHERE m.series_id = s.id AND mm.kind = 'PULL_REQUEST')")
        .bindList("p", List.copyOf(projectIds)).bind("since", Sql.time(sentSince)).bind("now", Sql.time(now)).execute();
  }

  /**
   * Takes the oldest pending series of these projects that is due, for {@code worker}; empty
   * when none (a project this worker has no git tree for is left to those that have). Safe
   * between processes: a row is taken only by the update that moves it from pending.
   */
  public Optional<Job> claim(Handle h, String worker, Collection<Long> projectIds, Instant now) {
    if (projectIds.isEmpty()) {
      return Optional.empty();
    }
    for (int tries = 0; tries < 5; tries++) {
      Optional<Long> next = h.createQuery("SELECT series_id FROM series_apply WHERE state = 'pending' "
              + "AND project_id IN (<p>) AND (not_before IS NULL OR not_before <= :now) ORDER BY series_id LIMIT 1")
          .bindList("p", List.copyOf(projectIds)).bind("now", Sql.time(now)).mapTo(Long.class).findOne();
      if (next.isEmpty()) {
        return Optional.empty();
      }
      int taken = h.createUpdate("UPDATE series_apply SET state = 'running', claimed_by = :w, claimed_at = :now, "
              + "attempts = attempts + 1, updated_at = :now WHERE series_id = :id AND state = 'pending'")
          .bind("w", worker).bind("now", Sql.time(now)).bind("id", next.get()).execute();
      if (taken == 1) {
        return get(h, next.get());
      }
    }
    return Optional.empty();
  }

  /** Puts a claimed series back, to be tried again no sooner than {@code notBefore}. */
  public void defer(Handle h, long seriesId, Instant notBefore, String why, Instant now) {
    h.createUpdate("UPDATE series_apply SET state = 'pending', not_before = :nb, summary = :s, claimed_by = NULL, "
            + "updated_at = :now WHERE series_id = :id")
        .bind("nb", Sql.time(notBefore)).bind("s", Sql.text(why, 2000)).bind("now", Sql.time(now)).bind("id", seriesId)
        .execute();
  }

  /** Records how applying a claimed series ended. */
  public void finish(Handle h, long seriesId, String state, String baseCommit, String headCommit, String tag,
      Integer failedPatch, String summary, String detail, Instant now) {
    h.createUpdate("UPDATE series_apply SET state = :st, base_commit = :b, head_commit = :hc, tag = :t, failed_patch = :f, "
            + "summary = :s, detail = :d, claimed_by = NULL, updated_at = :now WHERE series_id = :id")
        .bind("st", state).bind("b", baseCommit).bind("hc", headCommit).bind("t", tag).bind("f", failedPatch)
        .bind("s", Sql.text(summary, 2000)).bind("d", Sql.text(detail)).bind("now", Sql.time(now)).bind("id", seriesId)
        .execute();
  }

  /**
   * Series left running by a worker that is gone (this one before a restart, or any whose claim
   * is older than {@code staleBefore}) go back to pending. Returns how many.
   */
  public int release(Handle h, String worker, Instant staleBefore, Instant now) {
    return h.createUpdate("UPDATE series_apply SET state = 'pending', claimed_by = NULL, updated_at = :now "
            + "WHERE state = 'running' AND (claimed_by = :w OR claimed_at < :stale)")
        .bind("w", worker).bind("stale", Sql.time(staleBefore)).bind("now", Sql.time(now)).execute();
  }

  public Optional<Job> get(Handle h, long seriesId) {
    return h.createQuery("SELECT " + COLUMNS + " FROM series_apply WHERE series_id = :id").bind("id", seriesId)
        .map((rs, ctx) -> new Job(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getInt(4), rs.getString(5),
            rs.getString(6), rs.getString(7), (Integer) rs.getObject(8), rs.getString(9), rs.getString(10),
            Sql.instant(rs, "updated_at")))
        .findOne();
  }

  /** Pending series that become due before {@code by}. */
  public long dueBy(Handle h, Instant by) {
    return h.createQuery("SELECT COUNT(*) FROM series_apply WHERE state = 'pending' AND (not_before IS NULL OR not_before <= :by)")
        .bind("by", Sql.time(by)).mapTo(Long.class).one();
  }

  public long count(Handle h, String state) {
    return h.createQuery("SELECT COUNT(*) FROM series_apply WHERE state = :s").bind("s", state).mapTo(Long.class).one();
  }

  /** The last upstream commit scanned for merged patches in a project. */
  public Optional<String> lastScanned(Handle h, long projectId) {
    return h.createQuery("SELECT last_commit FROM upstream_scan WHERE project_id = :p").bind("p", projectId)
        .mapTo(String.class).findOne();
  }

  public void scanned(Handle h, long projectId, String commit, Instant now) {
    int changed = h.createUpdate("UPDATE upstream_scan SET last_commit = :c, updated_at = :now WHERE project_id = :p")
        .bind("c", commit).bind("now", Sql.time(now)).bind("p", projectId).execute();
    if (changed == 0) {
      h.createUpdate("INSERT INTO upstream_scan (project_id, last_commit, updated_at) VALUES (:p, :c, :now)")
          .bind("c", commit).bind("now", Sql.time(now)).bind("p", projectId).execute();
    }
  }
}
