package dev.patchflow.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.patchflow.config.DatabaseConfig;
import dev.patchflow.store.Database;
import dev.patchflow.testing.TestServer;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OperationsTest {
  @TempDir Path tmp;

  @Test
  void healthAndMetrics() throws Exception {
    try (TestServer s = new TestServer(Database.open(DatabaseConfig.EMBEDDED, tmp))) {
      assertThat(s.get("/healthz", null).body()).isEqualTo("ok");
      s.get("/api/1.3/patches/", null);
      HttpResponse<String> metrics = s.get("/metrics", null);
      assertThat(metrics.statusCode()).isEqualTo(200);
      assertThat(metrics.body()).contains("http_server_requests_seconds_count").contains("route=\"/api/1.3/patches/\"");
    }
  }

  @Test
  void basicAuthWorksAndPasswordGuessingIsThrottled() throws Exception {
    try (TestServer s = new TestServer(Database.open(DatabaseConfig.EMBEDDED, tmp))) {
      var http = java.net.http.HttpClient.newHttpClient();
      java.util.function.Function<String, Integer> as = password -> {
        try {
          String auth = Base64.getEncoder().encodeToString(("maint:" + password).getBytes(StandardCharsets.UTF_8));
          return http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(s.url("/api/1.3/users/me/")))
              .header("Authorization", "Basic " + auth).build(), HttpResponse.BodyHandlers.ofString()).statusCode();
        } catch (Exception e) {
          throw new IllegalStateException(e);
        }
      };
      assertThat(as.apply("maintainer-password")).isEqualTo(200);
      for (int i = 0; i < LoginThrottle.LIMIT; i++) {
        assertThat(as.apply("wrong-" + i)).isEqualTo(401);
      }
      assertThat(as.apply("maintainer-password")).isEqualTo(429);
    }
  }

  @Test
  void throttleForgetsAfterItsWindow() {
    Instant[] now = {Instant.parse("2026-01-01T00:00:00Z")};
    Clock clock = new Clock() {
      @Override public ZoneOffset getZone() { return ZoneOffset.UTC; }
      @Override public Clock withZone(java.time.ZoneId z) { return this; }
      @Override public Instant instant() { return now[0]; }
    };
    LoginThrottle t = new LoginThrottle(clock);
    for (int i = 0; i < LoginThrottle.LIMIT; i++) {
      t.failed("10.0.0.1", "ada");
    }
    assertThatThrownBy(() -> t.check("10.0.0.2", "ada")).hasMessageContaining("Too many");
    assertThatThrownBy(() -> t.check("10.0.0.1", "bob")).hasMessageContaining("Too many");
    t.check("10.0.0.2", "bob");
    now[0] = now[0].plus(LoginThrottle.WINDOW).plusSeconds(1);
    t.check("10.0.0.1", "ada");
  }
}
