package dev.patchflow.forge;

/** 409: the request conflicts with the current state (e.g. a ref moved underneath us). */
public final class ConflictException extends GitHubException {
  public ConflictException(String method, String path, String githubMessage) {
    super(409, method, path, githubMessage);
  }
}
