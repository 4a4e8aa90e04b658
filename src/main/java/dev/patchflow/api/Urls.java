package dev.patchflow.api;

import io.javalin.http.Context;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/** Absolute URLs of resources, built from the address the client used (or a configured one). */
public final class Urls {
  private static volatile String configured;

  private Urls() {}

  /** A public base URL from the config, e.g. behind a proxy; null to take it from requests. */
  public static void configure(String baseUrl) {
    configured = baseUrl == null ? null : baseUrl.replaceAll("/+$", "");
  }

  public static String base(Context ctx) {
    if (configured != null) {
      return configured;
    }
    return ctx.scheme() + "://" + ctx.host();
  }

  /** A Message-ID as it appears in a web URL: escaped, but keeping '@' and the like readable. */
  public static String msgid(String msgid) {
    return URLEncoder.encode(msgid, StandardCharsets.UTF_8).replace("+", "%20").replace("%40", "@")
        .replace("%24", "$").replace("%2B", "+").replace("%3D", "=");
  }
}
