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
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Answers kept until the store changes, over a real store and real HTTP. */
class ResponseCacheTest {
  @TempDir Path tmp;
  private Database db;
  private Javalin app;
  private ResponseCache cache;
  private final AtomicInteger computed = new AtomicInteger();
  private final HttpClient http = HttpClient.newHttpClient();

  @BeforeEach
  void start() {
    db = Database.open(DatabaseConfig.EMBEDDED, tmp);
    cache = new ResponseCache(db.revision(), 64 * 1024);
    app = Javalin.create(c -> c.showJavalinBanner = false);
    app.get("/people", cache.wrap(ResponseCache.Scope.PUBLIC, ctx -> {
      computed.incrementAndGet();
      Thread.sleep(Long.parseLong(ctx.queryParamMap().getOrDefault("sleep", List.of("0")).get(0)));
      long n = db.jdbi().withHandle(h -> h.createQuery("SELECT COUNT(*) FROM person").mapTo(Long.class).one());
      ctx.header("Link", "<next>; rel=\"next\"").contentType("application/json").result("{\"people\": " + n + "}");
    }));
    app.get("/cookie", cache.wrap(ResponseCache.Scope.PUBLIC, ctx -> {
      computed.incrementAndGet();
      ctx.cookie("c", "v").result("with a cookie");
    }));
    app.get("/missing", cache.wrap(ResponseCache.Scope.PUBLIC, ctx -> {
      computed.incrementAndGet();
      ctx.status(404).result("no");
    }));
    app.start("127.0.0.1", 0);
  }

  @AfterEach
  void stop() {
    app.stop();
    db.close();
  }

  private HttpResponse<String> get(String path) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.port() + path)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private void addPerson(String email) {
    db.jdbi().useHandle(h -> h.execute("INSERT INTO person (email, name) VALUES (?, 'x')", email));
  }

  @Test
  void keepsAnAnswerWithItsHeadersUntilTheStoreChanges() throws Exception {
    HttpResponse<String> first = get("/people");
    HttpResponse<String> second = get("/people");
    assertThat(second.body()).isEqualTo(first.body()).isEqualTo("{\"people\": 0}");
    assertThat(second.headers().firstValue("Link")).contains("<next>; rel=\"next\"");
    assertThat(second.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/json"));
    assertThat(computed).hasValue(1);
    assertThat(cache.hits()).isEqualTo(1);

    addPerson("a@example.org");
    assertThat(get("/people").body()).isEqualTo("{\"people\": 1}");
    assertThat(computed).hasValue(2);
    // Another query string is another answer.
    assertThat(get("/people?x=1").body()).isEqualTo("{\"people\": 1}");
    assertThat(computed).hasValue(3);
  }

  @Test
  void seesWritesMadeByAnotherProcessOnTheSameStore() throws Exception {
    assertThat(get("/people").body()).isEqualTo("{\"people\": 0}");
    // A second pool on the same embedded file, as an import beside the server has.
    try (Database other = Database.open(DatabaseConfig.EMBEDDED, tmp)) {
      other.jdbi().useHandle(h -> h.execute("INSERT INTO person (email, name) VALUES ('b@example.org', 'b')"));
    }
    assertThat(get("/people").body()).isEqualTo("{\"people\": 1}");
  }

  @Test
  void requestsMissingTogetherComputeOnce() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Future<HttpResponse<String>>> answers = new ArrayList<>();
      for (int i = 0; i < 8; i++) {
        answers.add(pool.submit(() -> get("/people?sleep=500")));
      }
      for (Future<HttpResponse<String>> a : answers) {
        assertThat(a.get().body()).isEqualTo("{\"people\": 0}");
      }
    } finally {
      pool.shutdownNow();
    }
    assertThat(computed).hasValue(1);
  }

  @Test
  void neitherCookiesNorErrorsAreKept() throws Exception {
    get("/cookie");
    assertThat(get("/cookie").headers().firstValue("Set-Cookie")).isPresent();
    get("/missing");
    assertThat(get("/missing").statusCode()).isEqualTo(404);
    assertThat(computed).hasValue(4);
    assertThat(cache.bytes()).isZero();
  }

  @Test
  void staysWithinItsMemory() throws Exception {
    for (int i = 0; i < 2000; i++) {
      get("/people?i=" + i);
    }
    assertThat(cache.bytes()).isLessThanOrEqualTo(64 * 1024).isPositive();
    // The oldest were pushed out: asking again computes again.
    int before = computed.get();
    get("/people?i=0");
    assertThat(computed.get()).isEqualTo(before + 1);
  }
}
