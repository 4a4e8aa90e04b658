package dev.patchflow.forge;

import io.javalin.Javalin;
import io.javalin.http.Context;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * GitHub Actions in the fake: workflows configured by name start queued runs (with their jobs)
 * when a pull request opens or its head moves; tests also add runs by hand and complete runs
 * and jobs. Listing filters like GitHub (head_sha, branch, event, status, actor, created).
 */
public final class FakeActions {
  private static final Set<String> STATUSES = Set.of("queued", "in_progress", "completed", "waiting", "requested", "pending");
  private final FakeGitHub gh;
  private final Map<String, List<String>> workflows = new LinkedHashMap<>();
  private final List<Run> runs = new ArrayList<>();

  public static final class Run {
    long id;
    FakeRepo repo;
    String name;
    String headSha;
    String headBranch;
    String event;
    String actor;
    String status = "queued";
    String conclusion;
    Instant createdAt;
    Instant updatedAt;
    final List<Job> jobs = new ArrayList<>();

    public long id() {
      return id;
    }

    public List<Long> jobIds() {
      return jobs.stream().map(j -> j.id).toList();
    }
  }

  static final class Job {
    long id;
    long runId;
    String name;
    String status = "queued";
    String conclusion;
  }

  FakeActions(FakeGitHub gh) {
    this.gh = gh;
  }

  void routes(Javalin app) {
    app.get("/repos/{owner}/{repo}/actions/runs", ctx -> locked(ctx, this::list));
    app.get("/repos/{owner}/{repo}/actions/runs/{id}", ctx -> locked(ctx, c -> gh.respond(c, 200, json(run(c)))));
    app.get("/repos/{owner}/{repo}/actions/runs/{id}/jobs", ctx -> locked(ctx, c -> {
      List<Object> out = new ArrayList<>();
      run(c).jobs.forEach(j -> out.add(json(j)));
      gh.respondPage(c, out, page -> Map.of("total_count", out.size(), "jobs", page));
    }));
  }

  private void locked(Context ctx, io.javalin.http.Handler h) throws Exception {
    synchronized (gh.lock) {
      h.handle(ctx);
    }
  }

  // ---- test API ----

  /** Every pull request opened or moved from now on starts a run of this workflow with these jobs. */
  /** The runs made for a head commit, oldest first. */
  public List<Run> runsFor(String headSha) {
    synchronized (gh.lock) {
      return runs.stream().filter(r -> r.headSha.equals(headSha)).toList();
    }
  }

  public void onPullRequest(String workflow, String... jobs) {
    synchronized (gh.lock) {
      workflows.put(workflow, List.of(jobs));
    }
  }

  /** Starts runs for open pull requests whose head moved since their last runs (GitHub does it on push). */
  public void syncWorkflows() {
    synchronized (gh.lock) {
      for (FakeRepo r : gh.repos.values()) {
        r.pulls.values().stream().filter(p -> p.state.equals("open")).forEach(p -> sync(r, p));
      }
    }
  }

  void sync(FakeRepo r, FakeRepo.Pull p) {
    String sha = r.headSha(p);
    for (Map.Entry<String, List<String>> w : workflows.entrySet()) {
      boolean exists = runs.stream().anyMatch(x -> x.repo == r && x.name.equals(w.getKey()) && x.headSha.equals(sha)
          && x.event.equals("pull_request"));
      if (!exists) {
        add(r, sha, p.head, w.getKey(), "pull_request", p.user, w.getValue());
      }
    }
  }

  Run add(FakeRepo r, String headSha, String branch, String name, String event, String actor, List<String> jobs) {
    synchronized (gh.lock) {
      Run run = new Run();
      run.id = gh.nextId();
      run.repo = r;
      run.name = name;
      run.headSha = headSha;
      run.headBranch = branch;
      run.event = event;
      run.actor = actor;
      run.createdAt = gh.clock.instant();
      run.updatedAt = run.createdAt;
      for (String j : jobs) {
        Job job = new Job();
        job.id = gh.nextId();
        job.runId = run.id;
        job.name = j;
        run.jobs.add(job);
      }
      runs.add(run);
      return run;
    }
  }

  public Run run(long id) {
    synchronized (gh.lock) {
      return runs.stream().filter(r -> r.id == id).findFirst().orElseThrow(FakeError::notFound);
    }
  }

  /** Completes the run and every job still open with {@code conclusion}. */
  public void completeRun(long id, String conclusion) {
    synchronized (gh.lock) {
      Run run = run(id);
      for (Job j : run.jobs) {
        if (!j.status.equals("completed")) {
          j.status = "completed";
          j.conclusion = conclusion;
        }
      }
      finish(run, conclusion);
    }
  }

  /**
   * Re-runs a run as GitHub's "Re-run all jobs" does: the same run, queued again with new jobs
   * of the same names (a new attempt), its conclusion cleared until it completes again.
   */
  public void rerun(long id) {
    synchronized (gh.lock) {
      Run run = run(id);
      List<String> names = run.jobs.stream().map(j -> j.name).toList();
      run.jobs.clear();
      for (String n : names) {
        Job job = new Job();
        job.id = gh.nextId();
        job.runId = run.id;
        job.name = n;
        run.jobs.add(job);
      }
      run.status = "queued";
      run.conclusion = null;
      run.updatedAt = gh.clock.instant();
    }
  }

  /** Completes one job; when it was the last one, the run completes (failure if any job failed). */
  public void completeJob(long jobId, String conclusion) {
    synchronized (gh.lock) {
      for (Run run : runs) {
        for (Job j : run.jobs) {
          if (j.id == jobId) {
            j.status = "completed";
            j.conclusion = conclusion;
            run.status = "in_progress";
            run.updatedAt = gh.clock.instant();
            if (run.jobs.stream().allMatch(x -> x.status.equals("completed"))) {
              boolean failed = run.jobs.stream().anyMatch(x -> !"success".equals(x.conclusion) && !"skipped".equals(x.conclusion));
              finish(run, failed ? "failure" : "success");
            }
            return;
          }
        }
      }
      throw new IllegalArgumentException("no job " + jobId);
    }
  }

  private void finish(Run run, String conclusion) {
    run.status = "completed";
    run.conclusion = conclusion;
    run.updatedAt = gh.clock.instant();
  }

  // ---- REST ----

  private Run run(Context ctx) {
    FakeRepo r = gh.repo(ctx);
    Run run = run(Long.parseLong(ctx.pathParam("id")));
    if (run.repo != r) {
      throw FakeError.notFound();
    }
    return run;
  }

  private void list(Context ctx) {
    FakeRepo r = gh.repo(ctx);
    syncWorkflows(); // GitHub starts runs on push; the fake notices when asked
    String sha = ctx.queryParam("head_sha");
    String branch = ctx.queryParam("branch");
    String event = ctx.queryParam("event");
    String status = ctx.queryParam("status");
    String actor = ctx.queryParam("actor");
    Instant since = since(ctx.queryParam("created"));
    List<Object> out = new ArrayList<>();
    runs.stream().filter(x -> x.repo == r).sorted(Comparator.comparingLong((Run x) -> x.id).reversed())
        .filter(x -> sha == null || sha.equals(x.headSha))
        .filter(x -> branch == null || branch.equals(x.headBranch))
        .filter(x -> event == null || event.equals(x.event))
        .filter(x -> actor == null || actor.equals(x.actor))
        .filter(x -> status == null || (STATUSES.contains(status) ? status.equals(x.status) : status.equals(x.conclusion)))
        .filter(x -> since == null || !x.createdAt.isBefore(since))
        .forEach(x -> out.add(json(x)));
    gh.respondPage(ctx, out, page -> Map.of("total_count", out.size(), "workflow_runs", page));
  }

  private static Instant since(String created) {
    if (created == null) {
      return null;
    }
    if (!created.startsWith(">=")) {
      throw new FakeError(422, "the fake only knows created=>=DATE");
    }
    String v = created.substring(2);
    return v.contains("T") ? Instant.parse(v) : LocalDate.parse(v).atStartOfDay(ZoneOffset.UTC).toInstant();
  }

  private static Map<String, Object> json(Run x) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", x.id);
    m.put("name", x.name);
    m.put("head_sha", x.headSha);
    m.put("head_branch", x.headBranch);
    m.put("status", x.status);
    m.put("conclusion", x.conclusion);
    m.put("event", x.event);
    m.put("actor", Map.of("login", x.actor));
    m.put("html_url", "https://github.com/" + x.repo.fullName() + "/actions/runs/" + x.id);
    m.put("created_at", x.createdAt.toString());
    m.put("updated_at", x.updatedAt.toString());
    return m;
  }

  private Map<String, Object> json(Job j) {
    Run run = run(j.runId);
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", j.id);
    m.put("run_id", j.runId);
    m.put("name", j.name);
    m.put("status", j.status);
    m.put("conclusion", j.conclusion);
    m.put("html_url", "https://github.com/" + run.repo.fullName() + "/actions/runs/" + j.runId + "/job/" + j.id);
    Map<String, Object> step = new LinkedHashMap<>();
    step.put("name", "Run " + j.name);
    step.put("status", j.status);
    step.put("conclusion", j.conclusion);
    m.put("steps", List.of(step));
    return m;
  }
}
