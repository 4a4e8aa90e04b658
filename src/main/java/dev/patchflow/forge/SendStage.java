package dev.patchflow.forge;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** The last stage: adds GitHub's standard headers and sends the request with java.net.http. */
final class SendStage implements Stage {
  static final String API_VERSION = "2022-11-28";
  private final HttpClient http;
  private final Duration timeout;

  SendStage(HttpClient http, Duration timeout) {
    this.http = http;
    this.timeout = timeout;
  }

  @Override
  public Response intercept(Chain chain) throws IOException {
    Request req = chain.request();
    HttpRequest.BodyPublisher body = req.body() == null
        ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(req.body());
    HttpRequest.Builder b = HttpRequest.newBuilder(req.uri()).timeout(timeout).method(req.method(), body)
        .header("Accept", "application/vnd.github+json")
        .header("X-GitHub-Api-Version", API_VERSION)
        .header("User-Agent", "patchflow");
    if (req.body() != null) {
      b.header("Content-Type", "application/json");
    }
    req.headers().forEach(b::header);
    try {
      HttpResponse<byte[]> r = http.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
      return new Response(req, r.statusCode(), r.headers().map(), r.body(), false);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while talking to GitHub");
    }
  }
}
