package dev.patchflow.forge;

/**
 * GitHub answered with an error, or could not be asked. The root of every failure the forge
 * client reports: what was asked (method and path, never the query or a token), the HTTP status
 * (0 when no answer came back) and GitHub's own message.
 */
public class GitHubException extends Exception {
  private final int status;
  private final String method;
  private final String path;
  private final String githubMessage;

  public GitHubException(int status, String method, String path, String githubMessage, Throwable cause) {
    super(describe(status, method, path, githubMessage), cause);
    this.status = status;
    this.method = method;
    this.path = path;
    this.githubMessage = githubMessage == null ? "" : githubMessage;
  }

  public GitHubException(int status, String method, String path, String githubMessage) {
    this(status, method, path, githubMessage, null);
  }

  private static String describe(int status, String method, String path, String message) {
    String what = method + " " + path + ": ";
    String how = status == 0 ? "no response" : "HTTP " + status;
    return what + how + (message == null || message.isBlank() ? "" : " " + message);
  }

  /** The HTTP status, 0 when no response came back. */
  public int status() {
    return status;
  }

  public String method() {
    return method;
  }

  public String path() {
    return path;
  }

  /** GitHub's "message" (plus any validation details), redacted of tokens; empty if none. */
  public String githubMessage() {
    return githubMessage;
  }
}
