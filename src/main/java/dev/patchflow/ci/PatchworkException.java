package dev.patchflow.ci;

/**
 * A Patchwork server could not be used: what was asked (method and URL, never the token) and
 * the HTTP status it answered, or 0 when no answer came (connection refused, timeout).
 */
public final class PatchworkException extends Exception {
  private final String method;
  private final String url;
  private final int status;

  public PatchworkException(String method, String url, int status, String detail) {
    super(method + " " + url + (status == 0 ? " failed" : " answered " + status)
        + (detail == null || detail.isBlank() ? "" : ": " + detail.strip()));
    this.method = method;
    this.url = url;
    this.status = status;
  }

  public String method() {
    return method;
  }

  public String url() {
    return url;
  }

  /** The HTTP status, 0 when the server did not answer. */
  public int status() {
    return status;
  }
}
