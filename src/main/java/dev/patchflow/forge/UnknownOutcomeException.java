package dev.patchflow.forge;

/**
 * A request that is not safe to repeat (a POST that creates something) failed in a way that
 * leaves its effect unknown: a 5xx, a timeout, or a connection lost after sending. The client
 * does not retry it, since creating a pull request or a comment twice is worse than failing;
 * the caller should look (e.g. find the open pull request by its head) before trying again.
 */
public final class UnknownOutcomeException extends GitHubException {
  public UnknownOutcomeException(int status, String method, String path, String githubMessage, Throwable cause) {
    super(status, method, path, githubMessage, cause);
  }
}
