package dev.patchflow.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.patchflow.config.DatabaseConfig;
import dev.patchflow.store.Database;
import dev.patchflow.testing.TestServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Conditional GETs on the Patchwork-compatible API of a real server. */
class PwETagTest {
  @TempDir static Path tmp;
  static TestServer s;
  private final HttpClient http = HttpClient.newHttpClient();

  @BeforeAll
  static void start() throws Exception {
    s = new TestServer(Database.open(DatabaseConfig.EMBEDDED, tmp));
  }

  @AfterAll
  static void stop() {
    s.close();
  }

  private HttpResponse<String> get(String path, String ifNoneMatch, String token) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(s.url(path)));
    if (ifNoneMatch != null) {
      b.header("If-None-Match", ifNoneMatch);
    }
    if (token != null) {
      b.header("Authorization", "Token " + token);
    }
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  private String tag(String path) throws Exception {
    HttpResponse<String> r = get(path, null, null);
    assertThat(r.statusCode()).isEqualTo(200);
    return r.headers().firstValue("ETag").orElseThrow(() -> new AssertionError("no ETag on " + path));
  }

  @Test
  void listsAndDetailsAreAnswered304UntilAWrite() throws Exception {
    String list = "/api/1.2/patches/?project=" + TestServer.PROJECT + "&archived=false&order=id&per_page=100";
    String tag = tag(list);
    HttpResponse<String> again = get(list, tag, null);
    assertThat(again.statusCode()).isEqualTo(304);
    assertThat(again.body()).isEmpty();
    // The answer is the same for everyone, so a logged-in caller may reuse the tag too.
    assertThat(get(list, tag, s.testerToken).statusCode()).isEqualTo(304);
    long patch = Json.read(get(list, null, null).body()).get(0).get("id").asLong();
    for (String path : List.of("/api/1.2/patches/" + patch + "/", "/api/1.2/patches/" + patch + "/checks/",
        "/api/1.2/series/", "/api/1.2/events/?since=2026-01-01T00:00:00", "/api/1.2/projects/")) {
      assertThat(get(path, tag(path), null).statusCode()).as(path).isEqualTo(304);
    }

    HttpResponse<String> changed = s.send("PATCH", "/api/1.2/patches/" + patch + "/", s.maintainerToken,
        "application/json", "{\"state\": \"under-review\"}");
    assertThat(changed.statusCode()).as(changed.body()).isEqualTo(200);
    HttpResponse<String> fresh = get(list, tag, null);
    assertThat(fresh.statusCode()).isEqualTo(200);
    assertThat(fresh.body()).contains("\"under-review\"");
    assertThat(fresh.headers().firstValue("ETag")).isPresent().get().isNotEqualTo(tag);
  }

  @Test
  void tagsDifferAcrossQueriesAndVersions() throws Exception {
    String v12 = tag("/api/1.2/patches/?project=" + TestServer.PROJECT);
    String v13 = tag("/api/1.3/patches/?project=" + TestServer.PROJECT);
    String latest = tag("/api/patches/?project=" + TestServer.PROJECT);
    String other = tag("/api/1.2/patches/?project=" + TestServer.PROJECT + "&state=new");
    assertThat(List.of(v12, v13, latest, other)).doesNotHaveDuplicates();
    assertThat(get("/api/1.3/patches/?project=" + TestServer.PROJECT, v12, null).statusCode()).isEqualTo(200);
    assertThat(get("/api/1.2/patches/?project=" + TestServer.PROJECT + "&state=new", v12, null).statusCode())
        .isEqualTo(200);
  }

  @Test
  void statesFilterByNameSlugOrIdAndOr() throws Exception {
    String p = "/api/1.2/patches/?project=" + TestServer.PROJECT + "&archived=false";
    int superseded = Json.read(get(p + "&state=superseded", null, null).body()).size();
    assertThat(superseded).isPositive();
    assertThat(Json.read(get(p + "&state=Superseded", null, null).body())).hasSize(superseded);
    assertThat(Json.read(get(p + "&state=9", null, null).body())).hasSize(superseded);
    long readme = Json.read(get(p + "&q=README", null, null).body()).get(0).get("id").asLong();
    assertThat(s.send("PATCH", "/api/1.2/patches/" + readme + "/", s.maintainerToken, "application/json",
        "{\"state\": \"changes-requested\"}").statusCode()).isEqualTo(200);
    assertThat(Json.read(get(p + "&state=Changes%20Requested", null, null).body())).singleElement()
        .satisfies(n -> assertThat(n.get("id").asLong()).isEqualTo(readme));
    assertThat(Json.read(get(p + "&state=9&state=Changes%20Requested", null, null).body()))
        .hasSize(superseded + 1);
  }
}
