package dev.patchflow.forge;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Optional;

/** Branches of a repository, through the git refs API. */
public final class Branches {
  private final GitHubClient client;
  private final RepoRef repo;

  Branches(GitHubClient client, RepoRef repo) {
    this.client = client;
    this.repo = repo;
  }

  /** The commit a branch points at, empty when there is no such branch. */
  public Optional<String> headSha(String branch) throws GitHubException {
    try {
      JsonNode ref = client.call("GET",
          Route.of("/repos/{owner}/{repo}/git/ref/heads/{+branch}", repo.owner(), repo.name(), branch), null);
      return Optional.ofNullable(Json.text(ref.path("object"), "sha"));
    } catch (NotFoundException e) {
      return Optional.empty();
    }
  }

  /** Branches whose names start with {@code prefix} ("series/"), e.g. to purge old ones. */
  public List<BranchHead> list(String prefix) throws GitHubException {
    String ref = prefix.isEmpty() ? "heads" : "heads/" + prefix;
    Route r = Route.of("/repos/{owner}/{repo}/git/matching-refs/{+ref}", repo.owner(), repo.name(), ref);
    return client.list(r, null, n -> new BranchHead(Json.text(n, "ref").substring("refs/heads/".length()),
        Json.text(n.path("object"), "sha")), Integer.MAX_VALUE);
  }

  /**
   * Deletes a branch. False when it did not exist (GitHub answers 422 "Reference does not
   * exist"), so deleting twice is harmless.
   */
  public boolean delete(String branch) throws GitHubException {
    try {
      client.call("DELETE",
          Route.of("/repos/{owner}/{repo}/git/refs/heads/{+branch}", repo.owner(), repo.name(), branch), null);
      return true;
    } catch (ValidationException | NotFoundException e) {
      return false;
    }
  }
}
