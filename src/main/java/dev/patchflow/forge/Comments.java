package dev.patchflow.forge;

import java.util.List;
import java.util.Map;

/** Conversation comments on pull requests (GitHub's issue comments). */
public final class Comments {
  private static final String COMMENTS = "/repos/{owner}/{repo}/issues/{number}/comments";
  private final GitHubClient client;
  private final RepoRef repo;

  Comments(GitHubClient client, RepoRef repo) {
    this.client = client;
    this.repo = repo;
  }

  /** Adds a comment. Not retried on a 5xx: it ends in {@link UnknownOutcomeException}. */
  public Comment create(int number, String body) throws GitHubException {
    return Comment.from(client.call("POST", Route.of(COMMENTS, repo.owner(), repo.name(), number), Map.of("body", body)));
  }

  /** All comments, oldest first. */
  public List<Comment> list(int number) throws GitHubException {
    return client.list(Route.of(COMMENTS, repo.owner(), repo.name(), number), null, Comment::from, Integer.MAX_VALUE);
  }

  public Comment update(long commentId, String body) throws GitHubException {
    Route r = Route.of("/repos/{owner}/{repo}/issues/comments/{id}", repo.owner(), repo.name(), commentId);
    return Comment.from(client.call("PATCH", r, Map.of("body", body)));
  }
}
