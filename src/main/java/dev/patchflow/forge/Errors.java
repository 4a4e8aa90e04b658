package dev.patchflow.forge;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** Turns an unsuccessful answer into the typed exception for its status. */
final class Errors {
  private Errors() {}

  static GitHubException of(Response r, Redactor redactor) {
    Request req = r.request();
    String method = req.method();
    String path = redactor.redact(req.path());
    String message = "";
    List<String> details = new ArrayList<>();
    try {
      JsonNode body = Json.MAPPER.readTree(r.body());
      if (body != null) {
        message = body.path("message").asText("");
        for (JsonNode e : body.path("errors")) {
          details.add(redactor.redact(describe(e)));
        }
      }
    } catch (IOException | RuntimeException notJson) {
      message = "(no JSON error body)";
    }
    message = redactor.redact(message);
    String full = details.isEmpty() ? message : message + ": " + String.join("; ", details);
    switch (r.status()) {
      case 401:
        return new UnauthorizedException(method, path, full);
      case 404:
        return new NotFoundException(method, path, full);
      case 409:
        return new ConflictException(method, path, full);
      case 422:
        return new ValidationException(method, path, full, details);
      default:
        return new GitHubException(r.status(), method, path, full);
    }
  }

  private static String describe(JsonNode e) {
    if (e.isTextual()) {
      return e.asText();
    }
    if (e.hasNonNull("message")) {
      return e.get("message").asText();
    }
    return e.path("resource").asText("") + "." + e.path("field").asText("") + " " + e.path("code").asText("");
  }
}
