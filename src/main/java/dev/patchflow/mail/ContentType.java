package dev.patchflow.mail;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** A parsed Content-Type (or Content-Disposition) value: the main token and its parameters. */
public record ContentType(String value, Map<String, String> params) {
  public static final ContentType TEXT_PLAIN = new ContentType("text/plain", Map.of());

  public ContentType {
    params = Map.copyOf(params);
  }

  public static ContentType parse(String header) {
    if (header == null || header.isBlank()) {
      return TEXT_PLAIN;
    }
    String[] parts = splitParams(header);
    String value = parts[0].strip().toLowerCase(Locale.ROOT);
    Map<String, String> params = new LinkedHashMap<>();
    for (int i = 1; i < parts.length; i++) {
      int eq = parts[i].indexOf('=');
      if (eq <= 0) {
        continue;
      }
      String key = parts[i].substring(0, eq).strip().toLowerCase(Locale.ROOT);
      String v = parts[i].substring(eq + 1).strip();
      if (v.length() >= 2 && v.startsWith("\"") && v.endsWith("\"")) {
        v = v.substring(1, v.length() - 1);
      }
      // RFC 2231 continuations and charset prefixes (filename*=utf-8''x.patch): keep the text.
      if (key.endsWith("*")) {
        key = key.substring(0, key.length() - 1);
        int q = v.indexOf("''");
        if (q >= 0) {
          v = v.substring(q + 2);
        }
      }
      params.putIfAbsent(key, v);
    }
    return new ContentType(value, params);
  }

  private static String[] splitParams(String header) {
    java.util.List<String> out = new java.util.ArrayList<>();
    StringBuilder cur = new StringBuilder();
    boolean quoted = false;
    for (int i = 0; i < header.length(); i++) {
      char c = header.charAt(i);
      if (c == '"') {
        quoted = !quoted;
      }
      if (c == ';' && !quoted) {
        out.add(cur.toString());
        cur.setLength(0);
      } else {
        cur.append(c);
      }
    }
    out.add(cur.toString());
    return out.toArray(new String[0]);
  }

  public String param(String name) {
    return params.get(name);
  }

  public boolean isMultipart() {
    return value.startsWith("multipart/");
  }

  public boolean isText() {
    return value.startsWith("text/") || value.isEmpty() || !value.contains("/");
  }
}
