package dev.patchflow.forge;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * One answer on its way back up the chain.
 *
 * @param headers by lower-case name
 * @param fromCache whether the body is the cached one because GitHub answered 304
 */
record Response(Request request, int status, Map<String, List<String>> headers, byte[] body, boolean fromCache) {
  Response {
    Map<String, List<String>> h = new TreeMap<>();
    headers.forEach((k, v) -> h.put(k.toLowerCase(Locale.ROOT), List.copyOf(v)));
    headers = h;
  }

  Optional<String> header(String name) {
    List<String> v = headers.get(name.toLowerCase(Locale.ROOT));
    return v == null || v.isEmpty() ? Optional.empty() : Optional.of(v.get(0));
  }

  boolean successful() {
    return status >= 200 && status < 300;
  }

  Response asCached(int newStatus, byte[] cachedBody, Map<String, List<String>> cachedHeaders) {
    Map<String, List<String>> merged = new TreeMap<>(cachedHeaders);
    merged.putAll(headers); // fresh rate-limit headers win over the cached ones
    return new Response(request, newStatus, merged, cachedBody, true);
  }
}
