package dev.patchflow.intake.imap;

import dev.patchflow.config.Secret;
import dev.patchflow.intake.RawMail;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;

/**
 * Posts each mail to a Patchflow server's native API (POST /api/v1/messages); a mail is
 * committed when the server answers 2xx. The token goes only into the Authorization header.
 */
public final class HttpSink implements MailSink {
  private final URI endpoint;
  private final Secret token;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(30)).build();

  public HttpSink(String serverUrl, Secret token) {
    this.endpoint = URI.create(serverUrl.replaceAll("/+$", "") + "/api/v1/messages");
    this.token = token;
  }

  @Override
  public void deliver(List<RawMail> batch) throws IOException {
    for (RawMail m : batch) {
      HttpRequest req = HttpRequest.newBuilder(endpoint).timeout(Duration.ofMinutes(2))
          .header("Content-Type", "message/rfc822")
          .header("Authorization", "Token " + token.reveal())
          .POST(HttpRequest.BodyPublishers.ofByteArray(m.bytes())).build();
      HttpResponse<String> res;
      try {
        res = http.send(req, HttpResponse.BodyHandlers.ofString());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IOException("interrupted while posting " + m.origin(), e);
      }
      if (res.statusCode() / 100 != 2) {
        String body = res.body() == null ? "" : res.body().strip();
        throw new IOException(endpoint + " answered " + res.statusCode() + " for " + m.origin()
            + (body.isEmpty() ? "" : ": " + (body.length() > 300 ? body.substring(0, 300) : body)));
      }
    }
  }
}
