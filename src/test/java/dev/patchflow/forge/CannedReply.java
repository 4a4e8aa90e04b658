package dev.patchflow.forge;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A reply the fake serves instead of its own, in the order queued (MockWebServer's enqueue).
 * {@code afterHandling}: the fake does the work first and then answers with this reply, as when
 * GitHub created the pull request but the proxy in front of it timed out.
 */
public record CannedReply(int status, Map<String, String> headers, String body, boolean afterHandling) {
  public CannedReply {
    headers = Map.copyOf(headers);
  }

  public static CannedReply status(int status) {
    return new CannedReply(status, Map.of(), "{\"message\":\"canned " + status + "\"}", false);
  }

  /** 403 with no requests remaining until {@code resetEpochSecond}, as GitHub's primary limit. */
  public static CannedReply rateLimited(long resetEpochSecond) {
    return new CannedReply(403, Map.of("X-RateLimit-Limit", "5000", "X-RateLimit-Remaining", "0",
        "X-RateLimit-Reset", Long.toString(resetEpochSecond)),
        "{\"message\":\"API rate limit exceeded for user.\"}", false);
  }

  /** 429 asking to come back after some seconds, as GitHub's secondary limit. */
  public static CannedReply retryAfter(int seconds) {
    return new CannedReply(429, Map.of("Retry-After", Integer.toString(seconds)),
        "{\"message\":\"You have exceeded a secondary rate limit.\"}", false);
  }

  public CannedReply withHeader(String name, String value) {
    Map<String, String> h = new LinkedHashMap<>(headers);
    h.put(name, value);
    return new CannedReply(status, h, body, afterHandling);
  }

  public CannedReply withBody(String json) {
    return new CannedReply(status, headers, json, afterHandling);
  }

  public CannedReply servedAfterHandling() {
    return new CannedReply(status, headers, body, true);
  }
}
