package dev.patchflow.ci;

import com.fasterxml.jackson.databind.JsonNode;
import dev.patchflow.config.Secret;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A client for any Patchwork REST API 1.x server: Patchflow's own /api/1.x or a Patchwork.
 *
 * <p>Built for a bridge that asks the same questions every cycle. One paged listing gives
 * every recent patch with its state and series (no request per patch); the listing, checks and
 * series are asked conditionally (ETag / Last-Modified), so an idle cycle against a server that
 * supports it costs a few 304s; complete series are kept in memory, as they never change. Keep
 * one client for the life of the bridge, not one per cycle, or these copies are lost.
 *
 * <p>The server URL may be the API root ({@code https://host/api/1.2/}) or the site
 * ({@code https://host}), see {@link PwBaseUrl}.
 */
public final class PatchworkClient {
  private static final DateTimeFormatter SINCE =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss").withZone(ZoneOffset.UTC);
  private static final String JSON = "application/json";

  /** Told about every request, for counting what a cycle cost (see {@link PwRequestCount}). */
  public interface Listener {
    Listener NONE = e -> {};

    void exchanged(PwExchange exchange);
  }

  /** Waits between retries; tests pass one that does not sleep. */
  public interface Sleeper {
    void sleep(Duration d) throws InterruptedException;
  }

  /**
   * How the client pages and retries.
   *
   * @param pageSize per_page of listings (Patchwork allows up to 250 by default)
   * @param maxAttempts tries of a GET that fails with 5xx, 429 or no answer (writes are tried once)
   * @param firstBackoff the first wait between tries, doubled each time
   */
  public record Tuning(int pageSize, int maxAttempts, Duration firstBackoff, Duration timeout, Sleeper sleeper) {
    public static final Tuning DEFAULT = new Tuning(100, 4, Duration.ofSeconds(2), Duration.ofSeconds(60),
        d -> Thread.sleep(d.toMillis()));

    public Tuning {
      if (pageSize < 1 || maxAttempts < 1) {
        throw new IllegalArgumentException("pageSize and maxAttempts must be at least 1");
      }
    }

    public Tuning withPageSize(int n) {
      return new Tuning(n, maxAttempts, firstBackoff, timeout, sleeper);
    }

    public Tuning withSleeper(Sleeper s) {
      return new Tuning(pageSize, maxAttempts, firstBackoff, timeout, s);
    }
  }

  private final URI api;
  private final PwHttp http;
  private final Tuning tuning;
  private final Map<Long, PwSeries> completeSeries = new ConcurrentHashMap<>();
  /** The last complete listing per first-page URL, kept only for servers that state their revision. */
  private final Map<URI, Listing> listings = new ConcurrentHashMap<>();

  public PatchworkClient(String serverUrl, Secret token, Listener listener, Clock clock) {
    this(serverUrl, token, listener, clock, Tuning.DEFAULT);
  }

  /**
   * @param serverUrl the API root or the site, with or without a trailing slash
   * @param token the API token, or null to only read
   */
  public PatchworkClient(String serverUrl, Secret token, Listener listener, Clock clock, Tuning tuning) {
    this.api = PwBaseUrl.of(serverUrl);
    this.http = new PwHttp(api, token, listener == null ? Listener.NONE : listener, clock, tuning);
    this.tuning = tuning;
  }

  /** The API root every resource path is resolved against, ending in '/'. */
  public URI api() {
    return api;
  }

  /**
   * The project's non-archived patches dated at or after {@code since}, in every state (the
   * caller sees closed ones too), ordered by id. Each search pattern is one listing whose
   * entries are added to the query (a pattern's key replaces the default of the same name,
   * e.g. its own {@code project} or {@code archived}); the listings are OR-ed, merged by patch
   * id. No patterns means one plain listing.
   *
   * <p>{@code since} is rounded down to the hour, so that cycles ask the same URL and an
   * unchanged listing can be answered 304.
   */
  public List<PwPatch> recentPatches(String project, Instant since, List<Map<String, String>> searchPatterns)
      throws PatchworkException {
    Map<String, String> base = new LinkedHashMap<>();
    base.put("project", project);
    base.put("archived", "false");
    if (since != null) {
      base.put("since", SINCE.format(since.truncatedTo(ChronoUnit.HOURS)));
    }
    base.put("order", "id");
    base.put("per_page", Integer.toString(tuning.pageSize()));
    List<Map<String, String>> patterns = searchPatterns == null || searchPatterns.isEmpty() ? List.of(Map.of())
        : searchPatterns;
    Map<Long, PwPatch> merged = new TreeMap<>();
    for (Map<String, String> pattern : patterns) {
      Map<String, String> query = new LinkedHashMap<>(base);
      pattern.forEach((k, v) -> {
        if (v == null) {
          query.remove(k);
        } else {
          query.put(k, v);
        }
      });
      for (JsonNode p : list(resolve("patches/", query))) {
        PwPatch patch = PwDecode.patch(p);
        merged.putIfAbsent(patch.id(), patch);
      }
    }
    return List.copyOf(merged.values());
  }

  /** A series in detail, its patches in series order; complete series are kept in memory. */
  public PwSeries series(long id) throws PatchworkException {
    PwSeries kept = completeSeries.get(id);
    if (kept != null) {
      return kept;
    }
    URI uri = api.resolve("series/" + id + "/");
    JsonNode node = json("GET", uri, http.get(uri, JSON).body());
    PwSeries s = PwDecode.series(node);
    if (PwDecode.complete(node)) {
      completeSeries.put(id, s);
    }
    return s;
  }

  /** The series as an mbox, to hand to {@code git am}. */
  public byte[] mbox(PwSeries s) throws PatchworkException {
    if (s.mbox() == null || s.mbox().isBlank()) {
      throw new PatchworkException("GET", api.resolve("series/" + s.id() + "/").toString(), 0, "the series has no mbox URL");
    }
    return http.get(api.resolve(s.mbox()), "application/mbox, text/plain, */*").body();
  }

  /** The checks posted on a patch, oldest first, skipping states this bridge does not know. */
  public List<PwCheck> checks(long patchId) throws PatchworkException {
    List<PwCheck> out = new ArrayList<>();
    Map<String, String> query = new LinkedHashMap<>();
    query.put("per_page", Integer.toString(tuning.pageSize()));
    for (JsonNode c : list(resolve("patches/" + patchId + "/checks/", query))) {
      PwCheck check = PwDecode.check(c);
      if (check != null) {
        out.add(check);
      }
    }
    return out;
  }

  /** Posts a check on a patch; needs a token with the right to post checks. */
  public void postCheck(long patchId, PwCheck check) throws PatchworkException {
    URI uri = api.resolve("patches/" + patchId + "/checks/");
    if (!http.hasToken()) {
      throw new PatchworkException("POST", uri.toString(), 0, "posting a check needs an API token");
    }
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("state", check.state().wire());
    body.put("target_url", check.targetUrl() == null ? "" : check.targetUrl());
    body.put("context", check.context());
    body.put("description", check.description() == null ? "" : check.description());
    try {
      http.postJson(uri, PwDecode.MAPPER.writeValueAsString(body));
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Every page of a listing, following the Link header's next. */
  /**
   * Every item of a paged listing. From Patchflow, whose answers carry one revision for the
   * whole store, a first page unchanged since the last complete listing means the rest is
   * unchanged too, and the kept listing is returned after that one (conditional) request.
   */
  private List<JsonNode> list(URI first) throws PatchworkException {
    List<JsonNode> out = new ArrayList<>();
    URI at = first;
    String revision = null;
    for (int page = 0; at != null; page++) {
      if (page > 10_000) {
        throw new PatchworkException("GET", first.toString(), 0, "more than 10000 pages: a paging loop?");
      }
      PwHttp.Answer a = http.get(at, JSON);
      if (page == 0) {
        revision = a.revision();
        Listing kept = listings.get(first);
        if (a.fromCache() && kept != null && revision != null && revision.equals(kept.revision())) {
          return kept.items();
        }
      } else if (revision != null && !revision.equals(a.revision())) {
        revision = null; // the store changed while paging: do not keep this listing as whole
      }
      JsonNode node = json("GET", at, a.body());
      if (!node.isArray()) {
        node = node.path("results"); // a server that wraps pages in an object
      }
      node.forEach(out::add);
      at = a.next() == null ? null : at.resolve(a.next());
    }
    if (revision != null) {
      listings.put(first, new Listing(revision, List.copyOf(out)));
    }
    return out;
  }

  /** A whole listing as it was at one store revision. */
  private record Listing(String revision, List<JsonNode> items) {}

  private URI resolve(String path, Map<String, String> query) {
    StringBuilder q = new StringBuilder();
    query.forEach((k, v) -> q.append(q.length() == 0 ? "?" : "&").append(enc(k)).append('=').append(enc(v)));
    return api.resolve(path + q);
  }

  private static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }

  private static JsonNode json(String method, URI uri, byte[] body) throws PatchworkException {
    try {
      return PwDecode.tree(body);
    } catch (IOException e) {
      throw new PatchworkException(method, uri.toString(), 200, "not JSON: " + e.getMessage());
    }
  }
}
