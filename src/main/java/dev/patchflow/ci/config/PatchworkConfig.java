package dev.patchflow.ci.config;

import dev.patchflow.config.Secret;
import java.net.URI;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The Patchwork server the bridge reads series from and posts checks to.
 *
 * @param server a host name ("patchwork.kernel.org", as KPD writes it, meaning https) or a URL
 * @param searchPatterns extra query parameters; a series is found when any one pattern matches
 *     (the patterns are OR-ed, each pattern's keys AND-ed); none: the whole project
 * @param lookback only patches from the last N days (counted from midnight UTC)
 * @param apiUsername with {@code apiToken}, lets the bridge post checks
 * @param relevantStates patch states that make a series worth testing (default {@link
 *     #DEFAULT_RELEVANT})
 * @param closedStates patch states that end a series: one patch in such a state drops the series
 *     (default {@link #DEFAULT_CLOSED})
 * @param stateTtlSeconds state → seconds; a series whose newest patch is in that state and whose
 *     last update (its newest patch's date) is older than that many seconds has expired and is
 *     no longer tested; replaces the default {@link #DEFAULT_TTLS} when given
 */
public record PatchworkConfig(String server, String project, List<Map<String, String>> searchPatterns, Integer lookback,
    String apiUsername, Secret apiToken, List<String> relevantStates, List<String> closedStates,
    Map<String, Long> stateTtlSeconds) {
  public static final List<String> DEFAULT_RELEVANT =
      List.of("new", "under-review", "rfc", "changes-requested", "queued", "needs-ack");
  public static final List<String> DEFAULT_CLOSED = List.of("accepted", "rejected", "not-applicable",
      "awaiting-upstream", "superseded", "deferred", "mainlined", "handled-elsewhere");
  public static final Map<String, Duration> DEFAULT_TTLS =
      orderedOf("changes-requested", Duration.ofHours(1), "rfc", Duration.ofHours(1));

  public PatchworkConfig {
    searchPatterns = searchPatterns == null ? List.of()
        : searchPatterns.stream().map(p -> p == null ? Map.<String, String>of()
            : Collections.unmodifiableMap(new LinkedHashMap<>(p))).toList();
    relevantStates = relevantStates == null ? DEFAULT_RELEVANT : Collections.unmodifiableList(relevantStates);
    closedStates = closedStates == null ? DEFAULT_CLOSED : Collections.unmodifiableList(closedStates);
    stateTtlSeconds = stateTtlSeconds == null ? null : Collections.unmodifiableMap(new LinkedHashMap<>(stateTtlSeconds));
  }

  /** The server's root URL: a bare host name means https. */
  public URI serverUri() {
    String s = server.contains("://") ? server : "https://" + server;
    return URI.create(s.endsWith("/") ? s : s + "/");
  }

  /** See {@code stateTtlSeconds}. */
  public Map<String, Duration> stateTtls() {
    if (stateTtlSeconds == null) {
      return DEFAULT_TTLS;
    }
    Map<String, Duration> out = new LinkedHashMap<>();
    stateTtlSeconds.forEach((k, v) -> out.put(k, Duration.ofSeconds(v == null ? 0 : v)));
    return Collections.unmodifiableMap(out);
  }

  PatchworkConfig withApiToken(Secret token) {
    return new PatchworkConfig(server, project, searchPatterns, lookback, apiUsername, token, relevantStates,
        closedStates, stateTtlSeconds);
  }

  private static Map<String, Duration> orderedOf(String k1, Duration v1, String k2, Duration v2) {
    Map<String, Duration> m = new LinkedHashMap<>();
    m.put(k1, v1);
    m.put(k2, v2);
    return Collections.unmodifiableMap(m);
  }
}
