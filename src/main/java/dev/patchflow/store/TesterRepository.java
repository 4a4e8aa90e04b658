package dev.patchflow.store;

import java.time.Instant;
import java.util.List;
import org.jdbi.v3.core.Handle;

/** Testers as they last checked in (table tester); see V12__testers.sql. */
public final class TesterRepository {
  /** A tester, with the job it runs now (null: none) as test_job says. */
  public record Tester(String name, String capabilities, Instant firstSeen, Instant lastSeen, Running job) {}

  /** The job a tester runs now. */
  public record Running(long id, long seriesId, String seriesName, String testName, Instant leaseUntil) {}

  /**
   * Notes a claim. The row is updated first and inserted only when missing; two first claims
   * of one name at the same instant are the only way to collide, and the caller may ignore that.
   */
  public void claimed(Handle h, String name, String capabilities, Long jobId, Instant now) {
    String n = Sql.text(name, 200);
    String caps = Sql.text(capabilities, 2000);
    int changed = h.createUpdate("UPDATE tester SET capabilities = :c, job_id = COALESCE(:j, job_id), last_seen = :now "
            + "WHERE name = :n")
        .bind("c", caps).bind("j", jobId).bind("now", Sql.time(now)).bind("n", n).execute();
    if (changed == 0) {
      h.createUpdate("INSERT INTO tester (name, capabilities, job_id, first_seen, last_seen) "
              + "VALUES (:n, :c, :j, :now, :now)")
          .bind("c", caps).bind("j", jobId).bind("now", Sql.time(now)).bind("n", n).execute();
    }
  }

  /** A heartbeat, log chunk or result under a job: its tester was seen now. */
  public void seenFor(Handle h, long jobId, Instant now) {
    h.createUpdate("UPDATE tester SET last_seen = :now WHERE name = (SELECT tester FROM test_job WHERE id = :id)")
        .bind("now", Sql.time(now)).bind("id", jobId).execute();
  }

  /** Every tester, the most recently seen first. */
  public List<Tester> all(Handle h) {
    return h.createQuery("SELECT t.name, t.capabilities, t.first_seen, t.last_seen, j.id AS job, j.series_id, "
            + "s.name AS series_name, j.test_name, j.lease_until FROM tester t "
            + "LEFT JOIN test_job j ON j.id = t.job_id AND j.state = 'running' AND j.tester = t.name "
            + "LEFT JOIN series s ON s.id = j.series_id ORDER BY t.last_seen DESC, t.name")
        .map((rs, ctx) -> new Tester(rs.getString("name"), rs.getString("capabilities"), Sql.instant(rs, "first_seen"),
            Sql.instant(rs, "last_seen"), Sql.longOrNull(rs, "job") == null ? null : new Running(rs.getLong("job"),
                rs.getLong("series_id"), rs.getString("series_name"), rs.getString("test_name"),
                Sql.instant(rs, "lease_until"))))
        .list();
  }
}
