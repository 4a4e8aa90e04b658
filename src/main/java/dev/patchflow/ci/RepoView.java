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
import java.util.Optional;

/**
 * What one cycle knows of a GitHub repository: its open pull requests and recent workflow runs,
 * each listed once per cycle with a conditional request (an idle repository answers 304), and
 * the jobs of runs, read again only when the run changed. Pull requests the cycle opens or
 * closes are noted here, so the rest of the cycle sees them without asking again.
 */
final class RepoView {
  private final GitHubRepo repo;
  private final Instant runsSince;
  private final Map<Long, Jobs> jobs;
  private Map<String, PullRequest> open;
  private Map<String, List<WorkflowRun>> runsByHead;

  /** The jobs of a run as they were when the run last changed. */
  record Jobs(Instant runUpdated, List<WorkflowJob> jobs) {}

  /**
   * @param runsSince runs created before this are not read (rounded to the day, so that the
   *     listing's URL, and with it the conditional request, stays the same all day)
   * @param jobs the jobs read in earlier cycles, kept by the caller across cycles
   */
  RepoView(GitHubRepo repo, Instant runsSince, Map<Long, Jobs> jobs) {
    this.repo = repo;
    this.runsSince = runsSince.truncatedTo(ChronoUnit.DAYS);
    this.jobs = jobs;
  }

  GitHubRepo repo() {
    return repo;
  }

  /** Open pull requests by head branch. */
  Map<String, PullRequest> open() throws GitHubException {
    if (open == null) {
      open = new LinkedHashMap<>();
      for (PullRequest pr : repo.pulls().listOpen()) {
        open.put(pr.headRef(), pr);
      }
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

  /** The runs of a head commit, newest first, each with its jobs. */
  List<RunView> runsOf(String headSha) throws GitHubException {
    if (runsByHead == null) {
      runsByHead = new HashMap<>();
      for (WorkflowRun r : repo.actions().runs(RunFilter.all().createdSince(runsSince).perPage(100))) {
        runsByHead.computeIfAbsent(r.headSha(), k -> new ArrayList<>()).add(r);
      }
    }
    List<RunView> out = new ArrayList<>();
    for (WorkflowRun r : runsByHead.getOrDefault(headSha, List.of())) {
      out.add(view(r));
    }
    return out;
  }

  private RunView view(WorkflowRun r) throws GitHubException {
    Jobs known = jobs.get(r.id());
    if (known == null || !java.util.Objects.equals(known.runUpdated(), r.updatedAt())) {
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
