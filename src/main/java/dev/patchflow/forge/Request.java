package dev.patchflow.forge;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * One request on its way down the chain. Immutable: a stage that adds a header makes a new one.
 *
 * @param template the path with placeholders ("/repos/{owner}/{repo}/pulls"), for metrics
 * @param headers by lower-case name
 * @param idempotent whether repeating it after an unknown outcome is harmless
 */
record Request(String method, URI uri, String template, Map<String, String> headers, byte[] body,
    boolean idempotent) {
  Request {
    headers = Map.copyOf(headers);
  }

  static Request of(String method, URI uri, String template, byte[] body) {
    boolean idempotent = !method.equals("POST");
    return new Request(method, uri, template, Map.of(), body, idempotent);
  }

  Request withHeader(String name, String value) {
    Map<String, String> h = new LinkedHashMap<>(headers);
    h.put(name.toLowerCase(Locale.ROOT), value);
    return new Request(method, uri, template, h, body, idempotent);
  }

  Request withUri(URI other) {
    return new Request(method, other, template, headers, body, idempotent);
  }

  /** Marks a POST whose repetition is harmless (adding labels, asking for a token). */
  Request markIdempotent() {
    return new Request(method, uri, template, headers, body, true);
  }

  Optional<String> header(String name) {
    return Optional.ofNullable(headers.get(name.toLowerCase(Locale.ROOT)));
  }

  /** The path as logs and errors show it: no host, no query (queries can carry search terms). */
  String path() {
    return uri.getRawPath();
  }

  @Override
  public String toString() {
    return method + " " + path(); // never the headers: they hold the token
  }
}
