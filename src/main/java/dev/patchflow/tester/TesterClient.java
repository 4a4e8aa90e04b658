package dev.patchflow.tester;

import com.fasterxml.jackson.databind.JsonNode;
import dev.patchflow.api.Json;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The runner's HTTP side. Network errors and 5xx answers are retried with a doubling pause
 * (capped), 4xx answers are final; the token goes only into the Authorization header.
 */
public final class TesterClient {
  private static final Logger LOG = LoggerFactory.getLogger(TesterClient.class);
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(20)).build();
  private final String server;
  private final String token;
  private final Backoff backoff;

  /** An answer: its status and body. */
  public record Answer(int status, String body) {
    public boolean ok() {
      return status / 100 == 2;
    }
  }

  /** Pauses between tries: first, doubling up to max, at most tries times in all. */
  public record Backoff(Duration first, Duration max, int tries) {
    public static final Backoff DEFAULT = new Backoff(Duration.ofSeconds(1), Duration.ofMinutes(5), 12);

    Duration after(int attempt) {
      long ms = first.toMillis() << Math.min(attempt, 20);
      return Duration.ofMillis(Math.min(ms, max.toMillis()));
    }
  }

  public TesterClient(String server, String token, Backoff backoff) {
    this.server = server.replaceAll("/+$", "");
    this.token = token;
    this.backoff = backoff;
  }

  /** The server's capability probes for these projects (empty: all), name to script, in order. */
  public Map<String, String> probes(List<String> projects) throws IOException, InterruptedException {
    StringBuilder q = new StringBuilder();
    for (String p : projects) {
      q.append(q.length() == 0 ? "?" : "&").append("project=")
          .append(java.net.URLEncoder.encode(p, java.nio.charset.StandardCharsets.UTF_8));
    }
    Answer a = send("GET", server + "/api/v1/testers/probes" + q, "application/json", new byte[0]);
    if (!a.ok()) {
      throw new IOException("probes refused: " + a.status() + " " + a.body());
    }
    Map<String, String> out = new java.util.LinkedHashMap<>();
    Json.read(a.body()).forEach(n -> out.put(n.path("name").asText(), n.path("script").asText()));
    return out;
  }

  /** A job for a tester with these capabilities, of these projects (empty: any), if there is one. */
  public Optional<JsonNode> claim(String tester, List<String> capabilities, List<String> projects)
      throws IOException, InterruptedException {
    Map<String, Object> body = Map.of("tester", tester, "capabilities", capabilities, "projects", projects);
    Answer a = send("POST", server + "/api/v1/testers/claim", "application/json", Json.write(body).getBytes());
    if (a.status() == 204) {
      return Optional.empty();
    }
    if (!a.ok()) {
      throw new IOException("claim refused: " + a.status() + " " + a.body());
    }
    return Optional.of(Json.read(a.body()));
  }

  /** Sends until an answer that is not a server error, or gives up after the backoff's tries. */
  public Answer send(String method, String url, String contentType, byte[] body) throws IOException, InterruptedException {
    IOException last = null;
    for (int attempt = 0; attempt < backoff.tries(); attempt++) {
      if (attempt > 0) {
        Thread.sleep(backoff.after(attempt - 1).toMillis());
      }
      try {
        HttpRequest req = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofMinutes(2))
            .header("Authorization", "Token " + token).header("Content-Type", contentType)
            .method(method, HttpRequest.BodyPublishers.ofByteArray(body)).build();
        HttpResponse<String> res = http.send(req, HttpResponse.BodyHandlers.ofString());
        if (res.statusCode() < 500) {
          return new Answer(res.statusCode(), res.body());
        }
        last = new IOException(method + " " + withoutLease(url) + ": " + res.statusCode());
      } catch (IOException e) {
        last = e;
      }
      LOG.atWarn().addKeyValue("url", withoutLease(url)).addKeyValue("attempt", attempt + 1)
          .log("request failed, trying again: " + last.getMessage());
    }
    throw last;
  }

  /** A URL as logs show it: the lease is as good as a password for its job. */
  static String withoutLease(String url) {
    return url.replaceAll("lease=[^&]*", "lease=...");
  }
}
