package dev.patchflow.forge;

/** 404: the repository, pull request, label, branch or run does not exist (or is hidden from us). */
public final class NotFoundException extends GitHubException {
  public NotFoundException(String method, String path, String githubMessage) {
    super(404, method, path, githubMessage);
  }
}
