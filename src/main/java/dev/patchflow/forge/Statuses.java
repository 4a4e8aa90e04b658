package dev.patchflow.forge;

import java.util.LinkedHashMap;
import java.util.Map;

/** Commit statuses: a line per context on a commit and on any pull request whose head it is. */
public final class Statuses {
  /** GitHub's commit status states. */
  public enum State { PENDING, SUCCESS, FAILURE, ERROR }

  private final GitHubClient client;
  private final RepoRef repo;

  Statuses(GitHubClient client, RepoRef repo) {
    this.client = client;
    this.repo = repo;
  }

  /** Sets the status of {@code context} on a commit; setting it again replaces it, so this is retried. */
  public void set(String sha, String context, State state, String description, String targetUrl)
      throws GitHubException {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("state", state.name().toLowerCase(java.util.Locale.ROOT));
    json.put("context", context);
    if (description != null) {
      json.put("description", description.length() > 140 ? description.substring(0, 137) + "..." : description);
    }
    if (targetUrl != null) {
      json.put("target_url", targetUrl);
    }
    client.callIdempotent("POST", Route.of("/repos/{owner}/{repo}/statuses/{sha}", repo.owner(), repo.name(), sha), json);
  }
}
