package dev.patchflow.api;

import io.javalin.http.Context;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Strong entity tags for answers that are a function of the store's revision and the request's
 * cache key: "r{revision}-{hash of the key}". Equal tags mean equal bytes, since the same
 * revision and the same URL (query, version, base address, Accept) give the same answer.
 */
final class ETags {
  private ETags() {}

  static String of(long revision, String key) {
    try {
      byte[] d = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
      return "\"r" + revision + "-" + HexFormat.of().formatHex(d, 0, 12) + "\"";
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * Whether an If-None-Match header names the tag. RFC 9110 compares weakly here, so a W/
   * prefix (added by some proxies when they compress) still matches.
   */
  static boolean matches(String ifNoneMatch, String tag) {
    if (ifNoneMatch == null || tag == null) {
      return false;
    }
    for (String t : ifNoneMatch.split(",")) {
      String s = t.strip();
      if (s.startsWith("W/")) {
        s = s.substring(2);
      }
      if (s.equals(tag)) {
        return true;
      }
    }
    return false;
  }

  /** Tags a 200 that has no tag yet. */
  static void set(Context ctx, String tag) {
    if (tag != null && ctx.statusCode() == 200 && !ctx.res().containsHeader("ETag")) {
      ctx.header("ETag", tag);
    }
  }
}
