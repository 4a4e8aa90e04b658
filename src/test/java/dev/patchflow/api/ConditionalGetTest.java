package dev.patchflow.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.patchflow.config.DatabaseConfig;
import dev.patchflow.store.Database;
import io.javalin.Javalin;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** ETags from the store revision: a matching If-None-Match is answered 304 without running the handler. */
class ConditionalGetTest {
  @TempDir Path tmp;
  private Database db;
  private Javalin app;
  private ResponseCache cache;
  private final AtomicInteger computed = new AtomicInteger();
  private final HttpClient http = HttpClient.newHttpClient();

  private void start(long cacheBytes) {
    db = Database.open(DatabaseConfig.EMBEDDED, tmp);
    cache = new ResponseCache(db.revision(), cacheBytes);
    app = Javalin.create(c -> c.showJavalinBanner = false);
    app.get("/people", cache.conditional(ResponseCache.Scope.PUBLIC, ctx -> {
      computed.incrementAndGet();
      long n = db.jdbi().withHandle(h -> h.createQuery("SELECT COUNT(*) FROM person").mapTo(Long.class).one());
      ctx.contentType("application/json").result("{\"people\": " + n + "}");
    }));
    app.get("/missing", cache.conditional(ResponseCache.Scope.PUBLIC, ctx -> ctx.status(404).result("no")));
    app.start("127.0.0.1", 0);
  }

  @AfterEach
  void stop() {
    app.stop();
    db.close();
  }

  private HttpResponse<String> get(String path, String ifNoneMatch) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.port() + path));
    if (ifNoneMatch != null) {
      b.header("If-None-Match", ifNoneMatch);
    }
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  private void addPerson(String email) {
    db.jdbi().useHandle(h -> h.execute("INSERT INTO person (email, name) VALUES (?, 'x')", email));
  }

  @Test
  void aMatchingTagIsAnswered304UntilTheStoreChanges() throws Exception {
    start(64 * 1024);
    HttpResponse<String> first = get("/people", null);
    String tag = first.headers().firstValue("ETag").orElseThrow();
    assertThat(tag).startsWith("\"").endsWith("\"").doesNotStartWith("W/");
    assertThat(computed).hasValue(1);

    HttpResponse<String> again = get("/people", tag);
    assertThat(again.statusCode()).isEqualTo(304);
    assertThat(again.body()).isEmpty();
    assertThat(again.headers().firstValue("ETag")).contains(tag);
    // A list of tags, one weak, still matches; another tag does not.
    assertThat(get("/people", "\"other\", W/" + tag).statusCode()).isEqualTo(304);
    assertThat(cache.notModified()).isEqualTo(2);
    assertThat(cache.hits() + cache.misses()).isEqualTo(1);

    HttpResponse<String> cached = get("/people", "\"other\"");
    assertThat(cached.statusCode()).isEqualTo(200);
    assertThat(cached.headers().firstValue("ETag")).as("a replayed answer keeps its tag").contains(tag);
    assertThat(computed).hasValue(1);

    addPerson("a@example.org");
    HttpResponse<String> after = get("/people", tag);
    assertThat(after.statusCode()).isEqualTo(200);
    assertThat(after.body()).isEqualTo("{\"people\": 1}");
    assertThat(after.headers().firstValue("ETag")).isPresent().get().isNotEqualTo(tag);
    assertThat(after.headers().allValues("ETag")).hasSize(1);
  }

  @Test
  void tagsVaryWithTheQueryAndWorkWithTheCacheOff() throws Exception {
    start(0);
    String a = get("/people?x=1", null).headers().firstValue("ETag").orElseThrow();
    String b = get("/people?x=2", null).headers().firstValue("ETag").orElseThrow();
    assertThat(a).isNotEqualTo(b);
    assertThat(get("/people?x=2", a).statusCode()).isEqualTo(200);
    assertThat(get("/people?x=1", a).statusCode()).isEqualTo(304);
    assertThat(computed).hasValue(3);
    assertThat(get("/missing", null).headers().firstValue("ETag")).as("errors carry no tag").isEmpty();
  }
}
