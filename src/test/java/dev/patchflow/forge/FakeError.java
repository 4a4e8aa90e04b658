package dev.patchflow.forge;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** An error the fake answers the way GitHub does: {"message", "errors"}. */
final class FakeError extends RuntimeException {
  final int status;
  final List<Map<String, String>> errors;

  FakeError(int status, String message) {
    this(status, message, List.of());
  }

  FakeError(int status, String message, List<Map<String, String>> errors) {
    super(message);
    this.status = status;
    this.errors = errors;
  }

  static FakeError notFound() {
    return new FakeError(404, "Not Found");
  }

  static FakeError invalid(String resource, String field, String code) {
    return new FakeError(422, "Validation Failed", List.of(Map.of("resource", resource, "field", field, "code", code)));
  }

  static FakeError custom(String resource, String message) {
    return new FakeError(422, "Validation Failed", List.of(Map.of("resource", resource, "code", "custom", "message", message)));
  }

  Map<String, Object> json() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("message", getMessage());
    if (!errors.isEmpty()) {
      m.put("errors", errors);
    }
    m.put("documentation_url", "https://docs.github.com/rest");
    return m;
  }
}
