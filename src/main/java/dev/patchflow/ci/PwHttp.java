package dev.patchflow.ci;

import dev.patchflow.config.Secret;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The HTTP under the Patchwork client: the token on requests to the server's own origin only,
 * conditional GETs answered from kept copies on 304, bounded retries of GETs, redirects followed
 * by hand (so a redirect elsewhere never carries the token), and every request reported.
 */
final class PwHttp {
  private static final int MAX_REDIRECTS = 5;
  private static final long KEPT_BYTES = 64L * 1024 * 1024;

  /** An answer: its body, the next page's URL if any, and whether it came from our copy. */
  /**
   * @param revision Patchflow's store revision (header X-Patchflow-Revision), null from other
   *     servers: the same revision means nothing on the server changed
   */
  record Answer(int status, byte[] body, String next, boolean fromCache, String revision) {
    String text() {
      return new String(body, StandardCharsets.UTF_8);
    }
  }

  static final String REVISION = "X-Patchflow-Revision";

  /** What a 200 said, to send its validators again and reuse it on 304. */
  private record Kept(String etag, String lastModified, byte[] body, String next) {
    long size() {
      return body.length + 256L;
    }
  }

  private final URI origin;
  private final Secret token;
  private final PatchworkClient.Listener listener;
  private final Clock clock;
  private final PatchworkClient.Tuning tuning;
  private final HttpClient http;
  private final Map<String, Kept> kept = new LinkedHashMap<>(64, 0.75f, true);
  private long keptBytes;

  PwHttp(URI origin, Secret token, PatchworkClient.Listener listener, Clock clock, PatchworkClient.Tuning tuning) {
    this.origin = origin;
    this.token = token;
    this.listener = listener;
    this.clock = clock;
    this.tuning = tuning;
    this.http = HttpClient.newBuilder().connectTimeout(tuning.timeout()).followRedirects(HttpClient.Redirect.NEVER)
        .build();
  }

  boolean hasToken() {
    return token != null && !token.reveal().isEmpty();
  }

  /** A GET, retried on 5xx, 429 and failed connections; a 304 is answered from the kept copy. */
  Answer get(URI uri, String accept) throws PatchworkException {
    URI at = uri;
    for (int hop = 0; ; hop++) {
      Kept copy = kept(at);
      HttpRequest.Builder b = request(at).header("Accept", accept).GET();
      if (copy != null && copy.etag() != null) {
        b.header("If-None-Match", copy.etag());
      }
      if (copy != null && copy.lastModified() != null) {
        b.header("If-Modified-Since", copy.lastModified());
      }
      HttpResponse<byte[]> r = sendRetrying(b.build(), copy != null);
      int status = r.statusCode();
      if (status == 304 && copy != null) {
        return new Answer(200, copy.body(), copy.next(), true, r.headers().firstValue(REVISION).orElse(null));
      }
      if (status >= 300 && status < 400 && status != 304 && hop < MAX_REDIRECTS) {
        Optional<String> location = r.headers().firstValue("Location");
        if (location.isPresent()) {
          at = at.resolve(location.get());
          continue;
        }
      }
      if (status != 200) {
        throw failure("GET", at, status, r.body());
      }
      String next = PwLinks.next(r.headers().allValues("Link"));
      keep(at, r, next);
      return new Answer(status, r.body(), next, false, r.headers().firstValue(REVISION).orElse(null));
    }
  }

  /** A POST of JSON: sent once (a retried write could post a check twice). */
  Answer postJson(URI uri, String json) throws PatchworkException {
    HttpRequest req = request(uri).header("Content-Type", "application/json").header("Accept", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(json)).build();
    HttpResponse<byte[]> r = send(req, false);
    if (r == null) {
      throw new PatchworkException("POST", show(uri), 0, "no answer");
    }
    if (r.statusCode() / 100 != 2) {
      throw failure("POST", uri, r.statusCode(), r.body());
    }
    return new Answer(r.statusCode(), r.body(), null, false, null);
  }

  private HttpRequest.Builder request(URI uri) {
    HttpRequest.Builder b = HttpRequest.newBuilder(uri).timeout(tuning.timeout())
        .header("User-Agent", "patchflow-ci");
    if (hasToken() && sameOrigin(uri)) {
      b.header("Authorization", "Token " + token.reveal());
    }
    return b;
  }

  private boolean sameOrigin(URI uri) {
    return Objects.equals(uri.getScheme(), origin.getScheme()) && Objects.equals(uri.getHost(), origin.getHost())
        && port(uri) == port(origin);
  }

  private static int port(URI u) {
    return u.getPort() >= 0 ? u.getPort() : "https".equalsIgnoreCase(u.getScheme()) ? 443 : 80;
  }

  private HttpResponse<byte[]> sendRetrying(HttpRequest req, boolean conditional) throws PatchworkException {
    Duration wait = tuning.firstBackoff();
    for (int attempt = 1; ; attempt++) {
      HttpResponse<byte[]> r = send(req, conditional);
      boolean retry = r == null || r.statusCode() >= 500 || r.statusCode() == 429;
      if (!retry) {
        return r;
      }
      if (attempt >= tuning.maxAttempts()) {
        if (r == null) {
          throw new PatchworkException("GET", show(req.uri()), 0, "no answer after " + attempt + " attempts");
        }
        return r;
      }
      try {
        tuning.sleeper().sleep(wait);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new PatchworkException("GET", show(req.uri()), 0, "interrupted");
      }
      wait = wait.multipliedBy(2);
    }
  }

  /** One request; null when no answer came. Always reported to the listener. */
  private HttpResponse<byte[]> send(HttpRequest req, boolean conditional) throws PatchworkException {
    Instant start = clock.instant();
    HttpResponse<byte[]> r = null;
    try {
      r = http.send(req, HttpResponse.BodyHandlers.ofByteArray());
      return r;
    } catch (IOException e) {
      return null;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new PatchworkException(req.method(), show(req.uri()), 0, "interrupted");
    } finally {
      int status = r == null ? 0 : r.statusCode();
      String q = req.uri().getRawQuery();
      listener.exchanged(new PwExchange(req.method(), req.uri().getRawPath() + (q == null ? "" : "?" + q), status,
          conditional && status == 304, Duration.between(start, clock.instant())));
    }
  }

  private PatchworkException failure(String method, URI uri, int status, byte[] body) {
    String text = body == null ? "" : new String(body, StandardCharsets.UTF_8).strip();
    if (text.length() > 300) {
      text = text.substring(0, 300) + "…";
    }
    if (hasToken()) {
      text = text.replace(token.reveal(), "******");
    }
    return new PatchworkException(method, show(uri), status, text);
  }

  /** A URL as it may be shown: without user info (a token could hide there). */
  private static String show(URI uri) {
    if (uri.getRawUserInfo() == null) {
      return uri.toString();
    }
    return uri.getScheme() + "://" + uri.getHost() + (uri.getPort() >= 0 ? ":" + uri.getPort() : "")
        + uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
  }

  private synchronized Kept kept(URI uri) {
    return kept.get(uri.toString());
  }

  /** Keeps a 200 that carries a validator, least recently used copies going first. */
  private synchronized void keep(URI uri, HttpResponse<byte[]> r, String next) {
    String etag = r.headers().firstValue("ETag").orElse(null);
    String modified = r.headers().firstValue("Last-Modified").orElse(null);
    Kept old = kept.remove(uri.toString());
    if (old != null) {
      keptBytes -= old.size();
    }
    if (etag == null && modified == null) {
      return;
    }
    Kept k = new Kept(etag, modified, r.body(), next);
    if (k.size() > KEPT_BYTES / 4) {
      return;
    }
    kept.put(uri.toString(), k);
    keptBytes += k.size();
    var it = kept.values().iterator();
    while (keptBytes > KEPT_BYTES && it.hasNext()) {
      keptBytes -= it.next().size();
      it.remove();
    }
  }
}
