package dev.patchflow.forge;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A REST path built from a template ("/repos/{owner}/{repo}/pulls/{number}") and its values,
 * each percent-encoded; "{+ref}" keeps the slashes of a value (branch names like "series/12").
 * The template is kept for metrics.
 */
record Route(String template, String path, Map<String, String> query) {
  private static final Pattern PLACEHOLDER = Pattern.compile("\\{(\\+?)[a-z_]+}");

  Route {
    query = Map.copyOf(query);
  }

  static Route of(String template, Object... values) {
    Matcher m = PLACEHOLDER.matcher(template);
    StringBuilder path = new StringBuilder();
    int i = 0;
    while (m.find()) {
      if (i >= values.length) {
        throw new IllegalArgumentException("no value for " + m.group() + " in " + template);
      }
      String encoded = encode(String.valueOf(values[i++]), !m.group(1).isEmpty());
      m.appendReplacement(path, Matcher.quoteReplacement(encoded));
    }
    m.appendTail(path);
    return new Route(template, path.toString(), Map.of());
  }

  /** The same route with one more query parameter (skipped when the value is null). */
  Route with(String name, Object value) {
    if (value == null) {
      return this;
    }
    Map<String, String> q = new LinkedHashMap<>(query);
    q.put(name, String.valueOf(value));
    return new Route(template, path, q);
  }

  URI resolve(URI base) {
    String b = base.toString().replaceAll("/+$", "");
    StringBuilder s = new StringBuilder(b).append(path);
    String sep = "?";
    for (Map.Entry<String, String> e : new java.util.TreeMap<>(query).entrySet()) {
      s.append(sep).append(encode(e.getKey(), false)).append('=').append(encode(e.getValue(), false));
      sep = "&";
    }
    return URI.create(s.toString());
  }

  static String encode(String value, boolean keepSlashes) {
    StringBuilder out = new StringBuilder();
    for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
      int c = b & 0xff;
      boolean plain = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
          || c == '-' || c == '.' || c == '_' || c == '~' || (keepSlashes && c == '/');
      if (plain) {
        out.append((char) c);
      } else {
        out.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
            .append(Character.toUpperCase(Character.forDigit(c & 15, 16)));
      }
    }
    return out.toString();
  }
}
