package dev.patchflow.tester;

import com.fasterxml.jackson.databind.JsonNode;
import dev.patchflow.api.ApiException;
import dev.patchflow.api.ApiServer;
import dev.patchflow.api.Auth;
import dev.patchflow.api.Json;
import dev.patchflow.api.ResponseCache;
import dev.patchflow.api.Urls;
import dev.patchflow.config.GitTreeConfig;
import dev.patchflow.config.ProjectConfig;
import dev.patchflow.store.Database;
import dev.patchflow.store.ProjectRepository;
import dev.patchflow.store.ResultRepository;
import dev.patchflow.store.TestJobRepository;
import dev.patchflow.users.Principal;
import dev.patchflow.users.Role;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The testers' routes in the native API: claim a job, then heartbeat, log and report under
 * the lease the claim gave (a stale lease gets 409); the log is public.
 */
public final class TesterApi implements ApiServer.Module {
  /** Text kept of one job's log; the rest is dropped with a marker line. */
  public static final long LOG_CAP = 1024 * 1024;
  private final Database db;
  private final JobQueue queue;
  private final JobReports reports;
  private final long logCap;

  private final List<ProjectConfig> projects;
  private final Clock clock;

  public TesterApi(Database db, List<ProjectConfig> projects, Clock clock) {
    this(db, projects, LeasePolicy.DEFAULT, LOG_CAP, clock);
  }

  public TesterApi(Database db, List<ProjectConfig> projects, LeasePolicy leases, long logCap, Clock clock) {
    this(db, projects, leases, logCap, clock, JobReports.Listener.NONE);
  }

  /** With a listener told of every job that ends (e.g. to mail failures). */
  public TesterApi(Database db, List<ProjectConfig> projects, LeasePolicy leases, long logCap, Clock clock,
      JobReports.Listener ended) {
    this.db = db;
    this.queue = new JobQueue(db, leases, clock);
    this.projects = List.copyOf(projects);
    this.reports = new JobReports(db, clock, ended);
    this.logCap = logCap;
    this.clock = clock;
  }

  @Override
  public void register(Javalin app, ResponseCache cache) {
    app.post("/api/v1/testers/claim", this::claim);
    app.get("/api/v1/testers/probes", this::probes);
    app.post("/api/v1/series/{id}/tests/reset", this::reset);
    app.get("/api/v1/jobs/{id}", this::job);
    app.post("/api/v1/jobs/{id}/heartbeat", this::heartbeat);
    app.get("/api/v1/jobs/{id}/log", this::log);
    app.post("/api/v1/jobs/{id}/log", this::appendLog);
    app.put("/api/v1/jobs/{id}/result", this::result);
    app.post("/api/v1/jobs/{id}/result", this::result);
  }

  /**
   * The capability probes of these projects (?project=P, repeatable; all when none), each name
   * once: testers run them to learn what they can take on.
   */
  private void probes(Context ctx) {
    Principal p = Auth.required(ctx);
    if (!p.hasAnywhere(Role.TESTER)) {
      throw ApiException.forbidden();
    }
    List<String> wanted = ctx.queryParams("project");
    Map<String, String> byName = new java.util.LinkedHashMap<>();
    for (ProjectConfig project : projects) {
      if (wanted.isEmpty() || wanted.contains(project.name())) {
        project.probes().forEach(pr -> byName.putIfAbsent(pr.name(), pr.script()));
      }
    }
    List<Map<String, String>> out = new ArrayList<>();
    byName.forEach((name, script) -> out.add(Map.of("name", name, "script", script)));
    ctx.contentType("application/json").result(Json.write(out));
  }

  /**
   * A maintainer of the series' project (or an admin) has its tests run again: every job goes
   * back to pending, and its testing.NAME results are dropped until the new ones come in.
   */
  private void reset(Context ctx) {
    Principal p = Auth.required(ctx);
    long series = pathId(ctx);
    int n = db.jdbi().inTransaction(h -> {
      Long project = h.createQuery("SELECT project_id FROM series WHERE id = :id").bind("id", series).mapTo(Long.class)
          .findOne().orElseThrow(ApiException::notFound);
      if (!p.has(Role.MAINTAINER, project)) {
        throw ApiException.forbidden();
      }
      h.createUpdate("DELETE FROM series_result WHERE series_id = :id AND name LIKE 'testing.%'").bind("id", series)
          .execute();
      return new TestJobRepository().reset(h, series, clock.instant());
    });
    ctx.contentType("application/json").result(Json.write(Map.of("series", series, "jobs", n)));
  }

  /** {tester, capabilities, projects?} → a job and its lease, or 204 when there is none to run. */
  private void claim(Context ctx) {
    Principal p = Auth.required(ctx);
    if (!p.hasAnywhere(Role.TESTER)) {
      throw ApiException.forbidden();
    }
    JsonNode body = Json.read(ctx.body());
    String tester = body.path("tester").asText("");
    if (tester.isBlank()) {
      tester = p.username();
    }
    Set<String> capabilities = new HashSet<>();
    body.path("capabilities").forEach(c -> capabilities.add(c.asText()));
    List<String> names = new ArrayList<>();
    body.path("projects").forEach(n -> names.add(n.asText()));
    List<Long> projects = allowedProjects(p, names);
    Optional<JobQueue.Claimed> got = queue.claim(tester, capabilities, projects);
    if (got.isEmpty()) {
      ctx.status(204);
      return;
    }
    ctx.contentType("application/json").result(Json.write(describeClaim(ctx, got.get())));
  }

  /** The projects a claim may take jobs from: null for any. */
  private List<Long> allowedProjects(Principal p, List<String> names) {
    List<Long> ids = db.jdbi().withHandle(h -> {
      List<Long> out = new ArrayList<>();
      for (String n : names) {
        out.add(new ProjectRepository().byName(h, n).orElseThrow(() -> ApiException.badRequest("projects: no project "
            + "named '" + n + "'")).id());
      }
      return out;
    });
    if (p.isAdmin() || p.globalRoles().contains(Role.TESTER)) {
      return names.isEmpty() ? null : ids;
    }
    List<Long> mine = p.projectRoles().entrySet().stream().filter(e -> e.getValue().contains(Role.TESTER))
        .map(Map.Entry::getKey).toList();
    return names.isEmpty() ? mine : ids.stream().filter(mine::contains).toList();
  }

  /**
   * What the tester needs to run the job: where to fetch (repo and ref) and the commit to test.
   * A series job's ref is the tag of the applied series; a base job's the project's base branch,
   * at the commit in "head" (the branch may have moved on since).
   */
  private Map<String, Object> describeClaim(Context ctx, JobQueue.Claimed c) {
    TestJobRepository.Job job = c.job();
    String base = Urls.base(ctx);
    String jobUrl = base + "/api/v1/jobs/" + job.id();
    String lease = "?lease=" + c.lease();
    Map<String, Object> o = Json.object();
    o.put("job", job.id());
    o.put("lease", c.lease());
    o.put("attempt", job.attempt());
    if (job.isBase()) {
      GitTreeConfig git = gitTreeOf(job.projectId());
      o.put("kind", "base");
      o.put("series", null);
      o.put("repo", git == null ? null : git.baseRepo());
      o.put("ref", git == null ? null : "refs/heads/" + git.branch());
      o.put("tag", null);
      o.put("base", job.baseSha());
      o.put("head", job.baseSha());
      o.put("series_url", null);
    } else {
      JsonNode git = db.jdbi().withHandle(h -> new ResultRepository().forSeries(h, List.of(job.seriesId()))
              .getOrDefault(job.seriesId(), List.of()))
          .stream().filter(r -> r.name().equals("git") && r.data() != null).findFirst().map(r -> Json.read(r.data()))
          .orElse(Json.MAPPER.createObjectNode());
      String tag = git.path("tag").asText(null);
      o.put("kind", "series");
      o.put("series", job.seriesId());
      o.put("repo", git.path("repo").asText(null));
      o.put("ref", tag == null ? null : "refs/tags/" + tag);
      o.put("tag", tag);
      o.put("base", git.path("base").asText(null));
      o.put("head", git.path("head").asText(null));
      o.put("series_url", base + "/series/" + job.seriesId() + "/");
    }
    Map<String, Object> test = Json.object();
    test.put("name", job.testName());
    test.put("script", job.script());
    test.put("timeout", job.timeoutSeconds());
    test.put("requirements", dev.patchflow.tester.JobMatcher.decode(job.requirements()));
    o.put("test", test);
    o.put("lease_until", job.leaseUntil().toString());
    // testers pace heartbeats on this span, not on lease_until, so clock skew does not matter
    o.put("lease_seconds", java.time.Duration.between(java.time.Instant.now(), job.leaseUntil()).toSeconds());
    o.put("result_url", jobUrl + "/result" + lease);
    o.put("heartbeat_url", jobUrl + "/heartbeat" + lease);
    o.put("log_url", jobUrl + "/log" + lease);
    o.put("log_page", jobUrl + "/log");
    return o;
  }

  /** The git tree of the project with this id, as configured (null: none). */
  private GitTreeConfig gitTreeOf(long projectId) {
    String name = db.jdbi().withHandle(h -> h.createQuery("SELECT name FROM project WHERE id = :id").bind("id", projectId)
        .mapTo(String.class).findOne()).orElse(null);
    return projects.stream().filter(p -> p.name().equals(name)).findFirst().map(ProjectConfig::git).orElse(null);
  }

  private void job(Context ctx) {
    TestJobRepository.Job j = queue.get(pathId(ctx)).orElseThrow(ApiException::notFound);
    Map<String, Object> o = Json.object();
    o.put("id", j.id());
    o.put("series", j.isBase() ? null : j.seriesId());
    o.put("base", j.baseSha());
    o.put("test", j.testName());
    o.put("state", j.state());
    o.put("attempt", j.attempt());
    o.put("tester", j.tester());
    o.put("exit_code", j.exitCode());
    o.put("duration_ms", j.durationMs());
    o.put("log_bytes", j.logBytes());
    o.put("log_truncated", j.logTruncated());
    o.put("created", Json.date(j.created()));
    o.put("started", Json.date(j.started()));
    o.put("finished", Json.date(j.finished()));
    o.put("log_url", Urls.base(ctx) + "/api/v1/jobs/" + j.id() + "/log");
    ctx.contentType("application/json").result(Json.write(o));
  }

  private void heartbeat(Context ctx) {
    TestJobRepository.Job j = jobOfTester(ctx);
    if (!queue.heartbeat(j.id(), lease(ctx))) {
      throw leaseGone();
    }
    ctx.contentType("application/json").result(Json.write(Map.of("lease_until",
        queue.get(j.id()).orElseThrow().leaseUntil().toString())));
  }

  private void appendLog(Context ctx) {
    TestJobRepository.Job j = jobOfTester(ctx);
    if (!queue.appendLog(j.id(), lease(ctx), ctx.bodyAsBytes(), logCap)) {
      throw leaseGone();
    }
    ctx.status(204);
  }

  /** {status: success|failure|timeout, exit_code, duration_ms}: the job's end; nothing is added after. */
  private void result(Context ctx) {
    TestJobRepository.Job j = jobOfTester(ctx);
    JsonNode body = Json.read(ctx.body());
    String status = body.path("status").asText(null);
    if (status == null || !JobReports.STATUSES.contains(status)) {
      throw ApiException.badRequest("status: one of success, failure, timeout");
    }
    JobReports.Report r = new JobReports.Report(status,
        body.hasNonNull("exit_code") ? body.get("exit_code").asInt() : null,
        body.hasNonNull("duration_ms") ? body.get("duration_ms").asLong() : null);
    String logUrl = Urls.base(ctx) + "/api/v1/jobs/" + j.id() + "/log";
    if (!reports.finish(Auth.principal(ctx), j.id(), lease(ctx), r, logUrl)) {
      throw leaseGone();
    }
    job(ctx);
  }

  /**
   * The job's log as text; with ?offset=N only what came after byte N, for pages that follow a
   * running job. X-Log-Offset says where the next read starts, X-Job-State whether to read again
   * (pending, running) or stop, X-Log-Restart that the job started over and its log with it.
   */
  private void log(Context ctx) {
    long id = pathId(ctx);
    record Read(TestJobRepository.Log log, String state) {}
    Read read = db.jdbi().inTransaction(h -> {
      TestJobRepository jobs = new TestJobRepository();
      return jobs.get(h, id).map(j -> new Read(jobs.log(h, id).orElseThrow(), j.state()));
    }).orElseThrow(ApiException::notFound);
    byte[] text = LogBuffer.bytes(read.log().gzip());
    boolean growing = read.state().equals("running") || read.state().equals("pending");
    String offset = ctx.queryParam("offset");
    LogBuffer.Slice slice = LogBuffer.slice(text, offset == null ? 0 : parseOffset(offset), growing);
    ctx.header("X-Job-State", read.state()).header("X-Log-Offset", Long.toString(slice.next()))
        .header("Cache-Control", "no-store");
    if (slice.restart()) {
      ctx.header("X-Log-Restart", "true");
    }
    ctx.contentType("text/plain; charset=utf-8").result(slice.text().getBytes(StandardCharsets.UTF_8));
  }

  private static long parseOffset(String offset) {
    try {
      return Long.parseLong(offset);
    } catch (NumberFormatException e) {
      throw ApiException.badRequest("offset: a byte offset into the log");
    }
  }

  private TestJobRepository.Job jobOfTester(Context ctx) {
    Principal p = Auth.required(ctx);
    TestJobRepository.Job j = queue.get(pathId(ctx)).orElseThrow(ApiException::notFound);
    if (!p.has(Role.TESTER, j.projectId())) {
      throw ApiException.forbidden();
    }
    return j;
  }

  private static String lease(Context ctx) {
    String lease = ctx.queryParam("lease");
    if (lease == null || lease.isBlank()) {
      throw ApiException.badRequest("lease: the lease of the claim (?lease=...)");
    }
    return lease;
  }

  private static ApiException leaseGone() {
    return new ApiException(409, "This lease is not the job's any more (it expired and the job was claimed again, "
        + "or the job has ended): drop the job.");
  }

  private static long pathId(Context ctx) {
    try {
      return Long.parseLong(ctx.pathParam("id"));
    } catch (NumberFormatException e) {
      throw ApiException.notFound();
    }
  }
}
