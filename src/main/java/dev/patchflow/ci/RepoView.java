package dev.patchflow.ci;

import dev.patchflow.forge.GitHubException;
import dev.patchflow.forge.GitHubRepo;
import dev.patchflow.forge.PullRequest;
import dev.patchflow.forge.RunFilter;
import dev.patchflow.forge.WorkflowJob;
import dev.patchflow.forge.WorkflowRun;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What the bridge knows of a GitHub repository, kept across passes and brought up to date once
 * per pass with as few requests as GitHub allows: the open pull requests (after one full
 * listing, the first page of the most recently updated ones, which is a 304 when none changed),
 * the recent workflow runs (the first page of the newest, plus any older run still going), and
 * the jobs of each run, read again only when the run changed.
 */
final class RepoView {
  static final int PAGE = 100;
  private final GitHubRepo repo;
  private final Map<String, PullRequest> open = new LinkedHashMap<>();
  private final Map<Long, WorkflowRun> runs = new LinkedHashMap<>();
  private final Map<Long, Jobs> jobs = new HashMap<>();
  private Instant newestPull;
  private boolean pullsLoaded;
  private boolean runsLoaded;
  private boolean pullsFresh;
  private boolean runsFresh;
  private Instant runsSince = Instant.EPOCH;

  /** The jobs of a run as they were when the run last changed. */
  record Jobs(Instant runUpdated, List<WorkflowJob> jobs) {}

  RepoView(GitHubRepo repo) {
    this.repo = repo;
  }

  GitHubRepo repo() {
    return repo;
  }

  /**
   * Starts a pass: what the repository holds is asked for again (lazily) this pass.
   *
   * @param since runs created before this are not read (rounded to the day, so that the
   *     listing's URL, and with it the conditional request, stays the same all day)
   */
  void beginPass(Instant since) {
    pullsFresh = false;
    runsFresh = false;
    Instant day = since.truncatedTo(ChronoUnit.DAYS);
    if (!day.equals(runsSince)) {
      runsSince = day;
      runsLoaded = false;
    }
  }

  /** Open pull requests by head branch. */
  Map<String, PullRequest> open() throws GitHubException {
    if (!pullsFresh) {
      refreshPulls();
      pullsFresh = true;
    }
    return open;
  }

  Optional<PullRequest> openFor(String head) throws GitHubException {
    return Optional.ofNullable(open().get(head));
  }

  void opened(PullRequest pr) throws GitHubException {
    open().put(pr.headRef(), pr);
  }

  void closed(PullRequest pr) throws GitHubException {
    open().remove(pr.headRef());
  }

  private void refreshPulls() throws GitHubException {
    if (pullsLoaded) {
      List<PullRequest> recent = repo.pulls().recentlyUpdated(PAGE);
      boolean overflow = recent.size() >= PAGE && newestPull != null
          && recent.get(recent.size() - 1).updatedAt().isAfter(newestPull);
      if (!overflow) {
        recent.forEach(this::note);
        return;
      }
    }
    // the first pass, or more pull requests changed since the last pass than one page shows
    open.clear();
    for (PullRequest pr : repo.pulls().listOpen()) {
      note(pr);
    }
    pullsLoaded = true;
  }

  private void note(PullRequest pr) {
    if (pr.state() == PullRequest.State.OPEN) {
      open.put(pr.headRef(), pr);
    } else if (open.containsKey(pr.headRef()) && open.get(pr.headRef()).number() == pr.number()) {
      open.remove(pr.headRef());
    }
    if (pr.updatedAt() != null && (newestPull == null || pr.updatedAt().isAfter(newestPull))) {
      newestPull = pr.updatedAt();
    }
  }

  /** The runs of a head commit, newest first, each with its jobs. */
  List<RunView> runsOf(String headSha) throws GitHubException {
    if (!runsFresh) {
      refreshRuns();
      runsFresh = true;
    }
    List<RunView> out = new ArrayList<>();
    for (WorkflowRun r : runs.values()) {
      if (r.headSha().equals(headSha)) {
        out.add(view(r));
      }
    }
    return out;
  }

  private void refreshRuns() throws GitHubException {
    RunFilter recent = RunFilter.all().createdSince(runsSince).perPage(PAGE);
    if (runsLoaded) {
      List<WorkflowRun> first = repo.actions().runs(recent.limit(PAGE));
      boolean overflow = first.size() >= PAGE && first.stream().noneMatch(r -> runs.containsKey(r.id()));
      if (!overflow) {
        Map<Long, WorkflowRun> seen = new HashMap<>();
        first.forEach(r -> seen.put(r.id(), r));
        runs.putAll(seen);
        // runs older than the first page change without moving: ask for the unfinished ones
        for (WorkflowRun r : new ArrayList<>(runs.values())) {
          if (!seen.containsKey(r.id()) && !r.completed()) {
            runs.put(r.id(), repo.actions().run(r.id()));
          }
        }
        return;
      }
    }
    runs.clear();
    for (WorkflowRun r : repo.actions().runs(recent)) {
      runs.put(r.id(), r);
    }
    runsLoaded = true;
  }

  private RunView view(WorkflowRun r) throws GitHubException {
    Jobs known = jobs.get(r.id());
    if (known == null || !Objects.equals(known.runUpdated(), r.updatedAt())) {
      known = new Jobs(r.updatedAt(), repo.actions().jobs(r.id()));
      jobs.put(r.id(), known);
    }
    List<RunView.JobView> js = new ArrayList<>();
    for (WorkflowJob j : known.jobs()) {
      js.add(new RunView.JobView(j.name(), j.status(), j.conclusion(), j.htmlUrl(),
          j.steps().stream().map(s -> new RunView.StepView(s.name(), s.status(), s.conclusion())).toList()));
    }
    return new RunView(r.name(), r.status(), r.conclusion(), r.htmlUrl(), js);
  }
}
