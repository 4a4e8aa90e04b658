package dev.patchflow.backport.pipeline;

import dev.patchflow.forge.GitHubClient;
import dev.patchflow.forge.GitHubException;
import dev.patchflow.forge.PullRequest;
import dev.patchflow.forge.Pulls;
import dev.patchflow.forge.RepoRef;
import dev.patchflow.git.GitException;
import java.util.List;
import java.util.Optional;

/**
 * Pushes a backport branch with real git and opens its pull request through the forge client
 * the CI bridge uses. A re-run finds the pull request already open and reuses it after a forced
 * push, so running twice never opens two.
 */
public final class PullRequestStep {
  private final GitHubClient client;

  public PullRequestStep(GitHubClient client) {
    this.client = client;
  }

  /** The pull request's address. */
  public String open(PackagingCheckout.Checkout co, String repo, String branch, String base, String title, String body)
      throws GitException, GitHubException {
    co.git().push(co.url(), List.of("+refs/heads/" + branch + ":refs/heads/" + branch));
    Pulls pulls = client.repo(RepoRef.parse(repo)).pulls();
    Optional<PullRequest> open = pulls.findOpenByHead(branch);
    if (open.isPresent()) {
      return open.get().htmlUrl();
    }
    return pulls.create(title, body, branch, base).htmlUrl();
  }
}
