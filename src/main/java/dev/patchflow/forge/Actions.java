package dev.patchflow.forge;

import java.util.List;

/** GitHub Actions workflow runs and their jobs. */
public final class Actions {
  private final GitHubClient client;
  private final RepoRef repo;

  Actions(GitHubClient client, RepoRef repo) {
    this.client = client;
    this.repo = repo;
  }

  /** Runs matching the filter, newest first (conditional: an unchanged listing costs no rate limit). */
  public List<WorkflowRun> runs(RunFilter filter) throws GitHubException {
    Route r = filter.apply(Route.of("/repos/{owner}/{repo}/actions/runs", repo.owner(), repo.name()));
    return client.list(r, "workflow_runs", WorkflowRun::from, filter.limit());
  }

  public WorkflowRun run(long runId) throws GitHubException {
    return WorkflowRun.from(client.call("GET",
        Route.of("/repos/{owner}/{repo}/actions/runs/{id}", repo.owner(), repo.name(), runId), null));
  }

  /** The jobs of a run (its latest attempt). */
  public List<WorkflowJob> jobs(long runId) throws GitHubException {
    Route r = Route.of("/repos/{owner}/{repo}/actions/runs/{id}/jobs", repo.owner(), repo.name(), runId);
    return client.list(r, "jobs", WorkflowJob::from, Integer.MAX_VALUE);
  }
}
