package dev.patchflow.api;

import io.javalin.http.Context;
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
    // One pass (this runs for every patch of every list answer): unreserved characters and
    // the few a Message-ID is made of stay, everything else is %-encoded as UTF-8.
    StringBuilder b = null;
    for (int i = 0; i < msgid.length(); i++) {
      char c = msgid.charAt(i);
      if (!readable(c)) {
        b = new StringBuilder(msgid.length() + 16).append(msgid, 0, i);
        for (byte x : msgid.substring(i).getBytes(StandardCharsets.UTF_8)) {
          char d = (char) (x & 0xff);
          if (d < 0x80 && readable(d)) {
            b.append(d);
          } else {
            b.append('%').append(HEX[(x >> 4) & 0xf]).append(HEX[x & 0xf]);
          }
        }
        break;
      }
    }
    return b == null ? msgid : b.toString();
  }

  private static final char[] HEX = "0123456789ABCDEF".toCharArray();

  private static boolean readable(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
        || c == '.' || c == '-' || c == '_' || c == '*' || c == '@' || c == '$' || c == '+' || c == '=';
  }
}
