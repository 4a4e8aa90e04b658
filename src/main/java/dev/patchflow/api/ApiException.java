package dev.patchflow.api;

/** An expected failure of a request, answered with its status and a JSON {"detail": ...}. */
public class ApiException extends RuntimeException {
  private final int status;

  public ApiException(int status, String detail) {
    super(detail);
    this.status = status;
  }

  public int status() {
    return status;
  }

  public static ApiException notFound() {
    return new ApiException(404, "Not found.");
  }

  public static ApiException badRequest(String detail) {
    return new ApiException(400, detail);
  }

  public static ApiException notAuthenticated() {
    return new ApiException(401, "Authentication credentials were not provided.");
  }

  /** Patchwork (Django REST framework with session auth) answers a missing login with 403. */
  public static ApiException notAuthenticatedPatchwork() {
    return new ApiException(403, "Authentication credentials were not provided.");
  }

  public static ApiException forbidden() {
    return new ApiException(403, "You do not have permission to perform this action.");
  }
}
