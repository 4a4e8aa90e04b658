package dev.patchflow.forge;

import java.util.Map;

/** A request as the fake received it; headers by lower-case name. */
public record RecordedRequest(String method, String path, String query, Map<String, String> headers, String body) {
  public String header(String name) {
    return headers.get(name.toLowerCase(java.util.Locale.ROOT));
  }

  /** The value of one query parameter (still percent-encoded), null when absent. */
  public String queryParam(String name) {
    if (query == null) {
      return null;
    }
    for (String kv : query.split("&")) {
      int eq = kv.indexOf('=');
      if (eq > 0 && kv.substring(0, eq).equals(name)) {
        return kv.substring(eq + 1);
      }
    }
    return null;
  }
}
