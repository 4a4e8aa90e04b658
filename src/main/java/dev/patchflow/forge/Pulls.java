package dev.patchflow.forge;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Pull requests of one repository. */
public final class Pulls {
  private static final String PULLS = "/repos/{owner}/{repo}/pulls";
  private final GitHubClient client;
  private final RepoRef repo;

  Pulls(GitHubClient client, RepoRef repo) {
    this.client = client;
    this.repo = repo;
  }

  /** Every open pull request, all pages (conditional: unchanged pages cost no rate limit). */
  public List<PullRequest> listOpen() throws GitHubException {
    return list(PullRequest.State.OPEN);
  }

  public List<PullRequest> list(PullRequest.State state) throws GitHubException {
    Route r = Route.of(PULLS, repo.owner(), repo.name()).with("state", state.wire());
    return client.list(r, null, PullRequest::from, Integer.MAX_VALUE);
  }

  /**
   * The most recently updated pull requests, open or closed, newest first, up to {@code limit}.
   * Any change to a pull request (opened, closed, pushed to, labelled, commented) moves it to
   * the front, so an unchanged first page (a 304) says no pull request changed at all.
   */
  public List<PullRequest> recentlyUpdated(int limit) throws GitHubException {
    Route r = Route.of(PULLS, repo.owner(), repo.name()).with("state", "all").with("sort", "updated")
        .with("direction", "desc").with("per_page", Math.min(100, limit));
    return client.list(r, null, PullRequest::from, limit);
  }

  /** The open pull request whose head is {@code branch} of this repository, if any. */
  public Optional<PullRequest> findOpenByHead(String branch) throws GitHubException {
    Route r = Route.of(PULLS, repo.owner(), repo.name()).with("state", "open")
        .with("head", repo.owner() + ":" + branch);
    return client.list(r, null, PullRequest::from, 1).stream().findFirst();
  }

  public PullRequest get(int number) throws GitHubException {
    return PullRequest.from(client.call("GET", Route.of(PULLS + "/{number}", repo.owner(), repo.name(), number), null));
  }

  /**
   * Opens a pull request of {@code head} (a branch of this repository) into {@code base}.
   *
   * @throws ValidationException when one is already open for the head
   *     ({@link ValidationException#pullRequestExists()}), or a branch does not exist
   * @throws UnknownOutcomeException when GitHub failed mid-way: look with
   *     {@link #findOpenByHead} before trying again
   */
  public PullRequest create(String title, String body, String head, String base) throws GitHubException {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("title", title);
    json.put("body", body);
    json.put("head", head);
    json.put("base", base);
    return PullRequest.from(client.call("POST", Route.of(PULLS, repo.owner(), repo.name()), json));
  }

  public PullRequest update(int number, PullRequestEdit edit) throws GitHubException {
    return PullRequest.from(
        client.call("PATCH", Route.of(PULLS + "/{number}", repo.owner(), repo.name(), number), edit.json()));
  }

  public PullRequest close(int number) throws GitHubException {
    return update(number, PullRequestEdit.close());
  }
}
