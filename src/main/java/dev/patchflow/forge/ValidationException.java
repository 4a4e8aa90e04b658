package dev.patchflow.forge;

import java.util.List;

/**
 * 422: GitHub refused the request as invalid, e.g. a pull request already exists for the head
 * branch, the head branch does not exist, or a label already exists.
 */
public final class ValidationException extends GitHubException {
  private final List<String> errors;

  public ValidationException(String method, String path, String githubMessage, List<String> errors) {
    super(422, method, path, githubMessage);
    this.errors = List.copyOf(errors);
  }

  /** Each entry of GitHub's "errors" array, as its message or its "resource.field code". */
  public List<String> errors() {
    return errors;
  }

  /** Whether GitHub said that an open pull request for this head already exists. */
  public boolean pullRequestExists() {
    return errors.stream().anyMatch(e -> e.contains("pull request already exists"));
  }
}
