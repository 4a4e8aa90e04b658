package dev.patchflow.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.patchflow.api.v1.NativeApi;
import dev.patchflow.config.Config;
import dev.patchflow.config.DatabaseConfig;
import dev.patchflow.store.Database;
import dev.patchflow.testing.TestServer;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NativeApiTest {
  @TempDir static Path tmp;
  static TestServer s;

  @BeforeAll
  static void start() throws Exception {
    Database db = Database.open(DatabaseConfig.EMBEDDED, tmp);
    s = new TestServer(db, new NativeApi(db, Config.DEFAULT, Clock.systemUTC()));
  }

  @AfterAll
  static void stop() {
    s.close();
  }

  private static JsonNode search(String q) throws Exception {
    HttpResponse<String> r = s.get("/api/v1/series?q=" + URLEncoder.encode(q, StandardCharsets.UTF_8), null);
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    return Json.read(r.body());
  }

  @Test
  void importersPostRawMailOnce() throws Exception {
    String mail = "From: New Dev <new@example.org>\nTo: widgets@lists.example.org\nList-Id: <widgets.lists.example.org>\n"
        + "Subject: [PATCH] widget: count from one\nMessage-ID: <posted.1@example.org>\nDate: Tue, 20 Jan 2026 10:00:00 +0000\n\n"
        + "Start at one.\n\nSigned-off-by: New Dev <new@example.org>\n---\ndiff --git a/widget.c b/widget.c\n"
        + "--- a/widget.c\n+++ b/widget.c\n@@ -1 +1 @@\n-int widget_count;\n+int widget_count = 1;\n";
    assertThat(s.send("POST", "/api/v1/messages", null, "message/rfc822", mail).statusCode()).isEqualTo(401);
    assertThat(s.send("POST", "/api/v1/messages", s.userToken, "message/rfc822", mail).statusCode()).isEqualTo(403);
    HttpResponse<String> first = s.send("POST", "/api/v1/messages", s.importerToken, "message/rfc822", mail);
    assertThat(first.statusCode()).as(first.body()).isEqualTo(201);
    assertThat(Json.read(first.body()).get("series_created").asInt()).isEqualTo(1);
    HttpResponse<String> again = s.send("POST", "/api/v1/messages", s.importerToken, "message/rfc822", mail);
    assertThat(again.statusCode()).isEqualTo(200);
    assertThat(Json.read(again.body()).get("duplicate").asBoolean()).isTrue();
    assertThat(search("\"count from one\"").get("results")).singleElement()
        .satisfies(x -> assertThat(x.get("submitter").get("email").asText()).isEqualTo("new@example.org"));
    HttpResponse<String> junk = s.send("POST", "/api/v1/messages", s.importerToken, "message/rfc822", "no headers here");
    assertThat(Json.read(junk.body()).get("quarantined").asBoolean()).isTrue();
  }

  @Test
  void searchLanguage() throws Exception {
    assertThat(search("widget limits").get("count").asInt()).isEqualTo(2);
    assertThat(search("widget is:obsolete").get("results")).singleElement()
        .satisfies(x -> assertThat(x.get("version").asInt()).isEqualTo(1));
    assertThat(search("limits not:obsolete").get("results")).singleElement()
        .satisfies(x -> assertThat(x.get("previous_version").isNumber()).isTrue());
    assertThat(search("has:replies").get("count").asInt()).isEqualTo(1);
    assertThat(search("is:reviewed").get("count").asInt()).isZero();
    assertThat(search("{readme limits} from:ada").get("count").asInt()).isEqualTo(3);
    assertThat(search("-from:ada").get("count").asInt()).isZero();
    assertThat(search("to:widgets@lists.example.org project:widgets age:>1d").get("count").asInt()).isEqualTo(3);
    assertThat(search("age:<1d").get("count").asInt()).isZero();
    HttpResponse<String> bad = s.get("/api/v1/series?q=" + URLEncoder.encode("widget is:nonsense", StandardCharsets.UTF_8), null);
    assertThat(bad.statusCode()).isEqualTo(400);
    assertThat(Json.read(bad.body()).get("position").asInt()).isEqualTo(10);
  }

  @Test
  void seriesDetailAndResults() throws Exception {
    JsonNode v1 = search("widget is:obsolete").get("results").get(0);
    long id = v1.get("id").asLong();
    JsonNode detail = Json.read(s.get("/api/v1/series/" + id, null).body());
    assertThat(detail.get("patches")).hasSize(3);
    assertThat(detail.get("patches").get(1).get("trailers").toString()).contains("Reviewed-by").contains("Grace Hopper");
    assertThat(detail.get("replies")).hasSize(2);
    String body = "{\"status\": \"success\", \"log_url\": \"https://ci.example.org/log/1\", \"data\": {\"tag\": \"x\"}}";
    assertThat(s.send("PUT", "/api/v1/series/" + id + "/results/testing.build", null, "application/json", body)
        .statusCode()).isEqualTo(401);
    assertThat(s.send("PUT", "/api/v1/series/" + id + "/results/testing.build", s.userToken, "application/json", body)
        .statusCode()).isEqualTo(403);
    HttpResponse<String> put = s.send("PUT", "/api/v1/series/" + id + "/results/testing.build", s.testerToken,
        "application/json", body);
    assertThat(put.statusCode()).as(put.body()).isEqualTo(200);
    assertThat(Json.read(put.body()).get(0).get("status").asText()).isEqualTo("success");
    assertThat(search("success:testing.build").get("count").asInt()).isEqualTo(1);
    assertThat(search("is:tested").get("count").asInt()).isEqualTo(1);
    assertThat(s.send("PUT", "/api/v1/series/" + id + "/results/testing.build", s.testerToken, "application/json",
        "{\"status\": \"great\"}").statusCode()).isEqualTo(400);
  }
}
