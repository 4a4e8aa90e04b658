package dev.patchflow.store;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/** The testers' queue (test_job): jobs per (series, test), their leases, logs and outcomes. */
public final class TestJobRepository {
  /**
   * One job; requirements as stored (see tester.JobMatcher). A base test's job has no series
   * (seriesId 0) and tests the project's base branch at baseSha; a series job has baseSha null.
   */
  public record Job(long id, long seriesId, long projectId, String testName, String script, int timeoutSeconds,
      String requirements, String state, int attempt, String lease, String tester, Instant leaseUntil, Integer exitCode,
      Long durationMs, long logBytes, boolean logTruncated, Instant created, Instant started, Instant finished,
      String baseSha) {
    public boolean finalState() {
      return !state.equals("pending") && !state.equals("running");
    }

    public boolean isBase() {
      return baseSha != null;
    }
  }

  /** A pending job as the claim sees it. */
  public record Pending(long id, long projectId, String requirements) {}

  /** The stored log of a job. */
  public record Log(byte[] gzip, long bytes, boolean truncated) {}

  private static final String COLUMNS = "id, series_id, project_id, test_name, script, timeout_seconds, requirements, "
      + "state, attempt, lease, tester, lease_until, exit_code, duration_ms, log_bytes, log_truncated, created_at, "
      + "started_at, finished_at, base_sha";

  /** Series of a project whose tag is out (a successful "git" result) and that have no jobs yet. */
  public List<Long> untested(Handle h, long projectId, int limit) {
    return h.createQuery("SELECT s.id FROM series s JOIN series_result r ON r.series_id = s.id AND r.name = 'git' "
            + "AND r.status = 'success' WHERE s.project_id = :p "
            + "AND NOT EXISTS (SELECT 1 FROM test_job j WHERE j.series_id = s.id) ORDER BY s.id LIMIT :n")
        .bind("p", projectId).bind("n", limit).mapTo(Long.class).list();
  }

  public void create(Handle h, long seriesId, long projectId, String testName, String script, int timeoutSeconds,
      String requirements, Instant now) {
    h.createUpdate("INSERT INTO test_job (series_id, project_id, test_name, script, timeout_seconds, requirements, "
            + "state, created_at, updated_at) VALUES (:s, :p, :n, :script, :t, :r, 'pending', :now, :now)")
        .bind("s", seriesId).bind("p", projectId).bind("n", testName).bind("script", script).bind("t", timeoutSeconds)
        .bind("r", requirements).bind("now", Sql.time(now)).execute();
  }

  /** Whether the project has any job for this base commit and test (a base test's job is made once). */
  public boolean hasBaseJob(Handle h, long projectId, String baseSha, String testName) {
    return h.createQuery("SELECT COUNT(*) FROM test_job WHERE project_id = :p AND base_sha = :b AND test_name = :n")
        .bind("p", projectId).bind("b", baseSha).bind("n", testName).mapTo(Long.class).one() > 0;
  }

  /** A base test's job: the project's base branch at {@code baseSha}, no series. */
  public void createForBase(Handle h, long projectId, String baseSha, String testName, String script,
      int timeoutSeconds, String requirements, Instant now) {
    h.createUpdate("INSERT INTO test_job (series_id, project_id, base_sha, test_name, script, timeout_seconds, "
            + "requirements, state, created_at, updated_at) VALUES (NULL, :p, :b, :n, :script, :t, :r, 'pending', :now, :now)")
        .bind("p", projectId).bind("b", baseSha).bind("n", testName).bind("script", script).bind("t", timeoutSeconds)
        .bind("r", requirements).bind("now", Sql.time(now)).execute();
  }

  /** The base commit of the project's newest base job, if it has any. */
  public Optional<String> latestBase(Handle h, long projectId) {
    return h.createQuery("SELECT base_sha FROM test_job WHERE project_id = :p AND base_sha IS NOT NULL "
            + "ORDER BY id DESC LIMIT 1").bind("p", projectId).mapTo(String.class).findFirst();
  }

  /** The jobs of one base commit of a project, by test name. */
  public List<Job> forBase(Handle h, long projectId, String baseSha) {
    return h.createQuery("SELECT id FROM test_job WHERE project_id = :p AND base_sha = :b ORDER BY test_name")
        .bind("p", projectId).bind("b", baseSha).mapTo(Long.class).list().stream()
        .map(id -> get(h, id).orElseThrow()).toList();
  }

  /** Running jobs whose lease ran out go back to pending. Returns how many. */
  public int expire(Handle h, Instant now) {
    // Asked on every claim: look before writing, as a write (even of no rows) moves the store
    // revision and so empties every reader's cache.
    boolean any = h.createQuery("SELECT COUNT(*) FROM test_job WHERE state = 'running' AND lease_until < :now")
        .bind("now", Sql.time(now)).mapTo(Long.class).one() > 0;
    if (!any) {
      return 0;
    }
    return h.createUpdate("UPDATE test_job SET state = 'pending', lease = NULL, tester = NULL, lease_until = NULL, "
            + "updated_at = :now WHERE state = 'running' AND lease_until < :now")
        .bind("now", Sql.time(now)).execute();
  }

  /** The oldest pending jobs, of these projects (null: any). */
  public List<Pending> pending(Handle h, Collection<Long> projectIds, int limit) {
    if (projectIds != null && projectIds.isEmpty()) {
      return List.of();
    }
    String where = projectIds == null ? "" : " AND project_id IN (<p>)";
    var q = h.createQuery("SELECT id, project_id, requirements FROM test_job WHERE state = 'pending'" + where
        + " ORDER BY id LIMIT :n").bind("n", limit);
    if (projectIds != null) {
      q.bindList("p", List.copyOf(projectIds));
    }
    return q.map((rs, ctx) -> new Pending(rs.getLong(1), rs.getLong(2), rs.getString(3))).list();
  }

  /**
   * PostgreSQL: locks the first of these jobs still pending that no other claim holds, skipping
   * the ones that are locked instead of waiting for them.
   */
  public Optional<Long> lockFirstFree(Handle h, List<Long> ids) {
    return h.createQuery("SELECT id FROM test_job WHERE id IN (<ids>) AND state = 'pending' ORDER BY id LIMIT 1 "
            + "FOR UPDATE SKIP LOCKED")
        .bindList("ids", ids).mapTo(Long.class).findOne();
  }

  /** Takes a pending job under a new lease; false when another claim took it first. */
  public boolean take(Handle h, long id, String lease, String tester, Instant leaseUntil, Instant now) {
    return h.createUpdate("UPDATE test_job SET state = 'running', lease = :l, tester = :t, lease_until = :u, "
            + "attempt = attempt + 1, started_at = :now, updated_at = :now, log = NULL, log_bytes = 0, "
            + "log_truncated = FALSE WHERE id = :id AND state = 'pending'")
        .bind("l", lease).bind("t", Sql.text(tester, 200)).bind("u", Sql.time(leaseUntil)).bind("now", Sql.time(now))
        .bind("id", id).execute() == 1;
  }

  /** Renews a lease that is still the job's; false when it is not (any more). */
  public boolean renew(Handle h, long id, String lease, Instant leaseUntil, Instant now) {
    return h.createUpdate("UPDATE test_job SET lease_until = :u, updated_at = :now WHERE id = :id AND lease = :l "
            + "AND state = 'running'")
        .bind("u", Sql.time(leaseUntil)).bind("now", Sql.time(now)).bind("id", id).bind("l", lease).execute() == 1;
  }

  /** The log of a running job under this lease, locked for the append that follows. */
  public Optional<Log> logForAppend(Handle h, long id, String lease) {
    return h.createQuery("SELECT log, log_bytes, log_truncated FROM test_job WHERE id = :id AND lease = :l "
            + "AND state = 'running' FOR UPDATE")
        .bind("id", id).bind("l", lease)
        .map((rs, ctx) -> new Log(rs.getBytes(1), rs.getLong(2), rs.getBoolean(3))).findOne();
  }

  public void writeLog(Handle h, long id, Log log, Instant now) {
    h.createUpdate("UPDATE test_job SET log = :g, log_bytes = :b, log_truncated = :t, updated_at = :now WHERE id = :id")
        .bind("g", log.gzip()).bind("b", log.bytes()).bind("t", log.truncated()).bind("now", Sql.time(now))
        .bind("id", id).execute();
  }

  /**
   * Puts every job of a series back to pending, as new: the running ones' leases end (their
   * testers' reports get 409), logs and results are dropped. Returns how many.
   */
  public int reset(Handle h, long seriesId, Instant now) {
    return h.createUpdate("UPDATE test_job SET state = 'pending', lease = NULL, tester = NULL, lease_until = NULL, "
            + "exit_code = NULL, duration_ms = NULL, log = NULL, log_bytes = 0, log_truncated = FALSE, started_at = NULL, "
            + "finished_at = NULL, updated_at = :now WHERE series_id = :s")
        .bind("s", seriesId).bind("now", Sql.time(now)).execute();
  }

  /** Ends a running job under this lease; false when the lease is not the job's (any more). */
  public boolean finish(Handle h, long id, String lease, String state, Integer exitCode, Long durationMs, Instant now) {
    return h.createUpdate("UPDATE test_job SET state = :s, exit_code = :e, duration_ms = :d, finished_at = :now, "
            + "lease_until = NULL, updated_at = :now WHERE id = :id AND lease = :l AND state = 'running'")
        .bind("s", state).bind("e", exitCode).bind("d", durationMs).bind("now", Sql.time(now)).bind("id", id)
        .bind("l", lease).execute() == 1;
  }

  public Optional<Job> get(Handle h, long id) {
    return h.createQuery("SELECT " + COLUMNS + " FROM test_job WHERE id = :id").bind("id", id)
        .map((rs, ctx) -> new Job(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getString(4), rs.getString(5),
            rs.getInt(6), rs.getString(7), rs.getString(8), rs.getInt(9), rs.getString(10), rs.getString(11),
            Sql.instant(rs, "lease_until"), Sql.integer(rs, "exit_code"), Sql.longOrNull(rs, "duration_ms"),
            rs.getLong(15), rs.getBoolean(16), Sql.instant(rs, "created_at"), Sql.instant(rs, "started_at"),
            Sql.instant(rs, "finished_at"), rs.getString(20)))
        .findOne();
  }

  public Optional<Log> log(Handle h, long id) {
    return h.createQuery("SELECT log, log_bytes, log_truncated FROM test_job WHERE id = :id").bind("id", id)
        .map((rs, ctx) -> new Log(rs.getBytes(1), rs.getLong(2), rs.getBoolean(3))).findOne();
  }

  /** Jobs of a series, by test name. */
  public List<Job> forSeries(Handle h, long seriesId) {
    return h.createQuery("SELECT id FROM test_job WHERE series_id = :s ORDER BY test_name").bind("s", seriesId)
        .mapTo(Long.class).list().stream().map(id -> get(h, id).orElseThrow()).toList();
  }

  public long count(Handle h, String state) {
    return h.createQuery("SELECT COUNT(*) FROM test_job WHERE state = :s").bind("s", state).mapTo(Long.class).one();
  }

  /** Patchwork ids (message_project.seq) of a series' patches, in order. */
  public List<Long> patchIds(Handle h, long seriesId) {
    return h.createQuery("SELECT mp.seq FROM series_member sm JOIN series s ON s.id = sm.series_id "
            + "JOIN message_project mp ON mp.message_id = sm.message_id AND mp.project_id = s.project_id "
            + "WHERE sm.series_id = :s AND sm.role = 'patch' ORDER BY sm.position")
        .bind("s", seriesId).mapTo(Long.class).list();
  }

  /** The job states of each of the project's newest series that have jobs, newest first. */
  public List<List<String>> recentStates(Handle h, long projectId, int series) {
    List<Long> ids = h.createQuery("SELECT series_id FROM test_job WHERE project_id = :p AND series_id IS NOT NULL GROUP BY series_id "
            + "ORDER BY series_id DESC LIMIT :n")
        .bind("p", projectId).bind("n", series).mapTo(Long.class).list();
    if (ids.isEmpty()) {
      return List.of();
    }
    java.util.Map<Long, List<String>> states = new java.util.HashMap<>();
    h.createQuery("SELECT series_id, state FROM test_job WHERE series_id IN (<ids>)").bindList("ids", ids)
        .map((rs, ctx) -> java.util.Map.entry(rs.getLong(1), rs.getString(2)))
        .forEach(e -> states.computeIfAbsent(e.getKey(), k -> new java.util.ArrayList<>()).add(e.getValue()));
    return ids.stream().map(id -> states.getOrDefault(id, List.of())).toList();
  }
}
