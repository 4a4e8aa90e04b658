package dev.patchflow.ci;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.patchflow.config.Secret;
import io.javalin.Javalin;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The client against a tiny stand-in for an external Patchwork: canned API 1.2 JSON, paging in
 * Link headers with absolute URLs, no ETag or Last-Modified, a flaky checks endpoint.
 */
class ExternalPatchworkTest {
  private static final String TOKEN = "external-token-42";

  /** One request as the fake saw it. */
  record Seen(String method, String path, String query, String authorization, String ifNoneMatch, String body) {}

  private final List<Seen> seen = new CopyOnWriteArrayList<>();
  private final AtomicInteger checkFailures = new AtomicInteger(1);
  private Javalin pw;
  private Javalin elsewhere;

  private static String patch(long id, String name, String state, long series, int version) {
    return """
        {"id": %d, "url": "u", "web_url": "w", "project": {"id": 7, "link_name": "netdevbpf"},
         "msgid": "<%d@example.org>", "list_archive_url": null, "date": "2026-01-05T10:00:00.123456",
         "name": "%s", "commit_ref": null, "pull_url": null, "state": "%s", "archived": false,
         "hash": "abc", "submitter": {"id": 3, "url": "p", "name": "Ada", "email": "ada@example.org"},
         "delegate": null, "mbox": "m", "series": [{"id": %d, "url": "s", "web_url": "https://pw.example.org/s/%d/",
         "date": "2026-01-05T10:00:00", "name": "widgets", "version": %d, "mbox": "/series/%d/mbox/"}],
         "comments": "c", "check": "pending", "checks": "k", "tags": {}, "related": [], "some_future_field": [1, 2]}
        """.formatted(id, id, name, state, series, series, version, series);
  }

  private void record(io.javalin.http.Context ctx) {
    seen.add(new Seen(ctx.method().name(), ctx.path(), ctx.queryString(), ctx.header("Authorization"),
        ctx.header("If-None-Match"), ctx.body()));
  }

  @BeforeEach
  void start() {
    elsewhere = Javalin.create(c -> c.showJavalinBanner = false).start("127.0.0.1", 0);
    elsewhere.get("/files/6.mbox", ctx -> {
      record(ctx);
      ctx.result("From elsewhere\n");
    });
    pw = Javalin.create(c -> c.showJavalinBanner = false).start("127.0.0.1", 0);
    pw.before(this::record);
    pw.get("/api/1.2/patches/", ctx -> {
      String base = "http://127.0.0.1:" + pw.port() + "/api/1.2/patches/?";
      if (ctx.queryParam("page") == null) {
        ctx.header("Link", "<" + base + "page=2&" + ctx.queryString().replace("&page=2", "") + ">; rel=\"next\", <"
            + base + "page=2>; rel=\"last\"");
        ctx.contentType("application/json").result("[" + patch(11, "[v2,1/2] widget: a", "new", 5, 2) + ","
            + patch(12, "[v2,2/2] widget: b", "changes-requested", 5, 2) + "]");
      } else {
        ctx.header("Link", "<" + base + ">; rel=\"first\", <" + base + ">; rel=\"prev\"");
        ctx.contentType("application/json").result("[" + patch(9, "[1/1] old", "superseded", 4, 1) + "]");
      }
    });
    pw.get("/api/1.2/series/5/", ctx -> ctx.contentType("application/json").result("""
        {"id": 5, "url": "s", "web_url": "https://pw.example.org/s/5/", "project": {},
         "name": "widgets", "date": "2026-01-05T10:00:00", "version": 2, "total": 3, "received_total": 2,
         "received_all": false, "mbox": "/series/5/mbox/",
         "submitter": {"id": 3, "name": "Ada", "email": "ada@example.org"},
         "cover_letter": null,
         "patches": [{"id": 11, "msgid": "<11@example.org>", "date": "2026-01-05T10:00:00", "name": "a"},
                     {"id": 12, "msgid": "12@example.org", "date": "2026-01-05T10:00:01", "name": "b"}]}
        """));
    pw.get("/series/5/mbox/", ctx -> ctx.redirect("/files/5.mbox"));
    pw.get("/files/5.mbox", ctx -> ctx.result("From nobody\nSubject: a\n\n"));
    pw.get("/series/6/mbox/", ctx -> ctx.redirect("http://127.0.0.1:" + elsewhere.port() + "/files/6.mbox"));
    pw.get("/api/1.2/patches/11/checks/", ctx -> {
      if (checkFailures.getAndDecrement() > 0) {
        ctx.status(503).result("busy");
        return;
      }
      ctx.contentType("application/json").result("""
          [{"id": 1, "url": "c", "user": {"id": 1}, "date": "2026-01-05T11:00:00", "state": "success",
            "target_url": "https://ci/1", "context": "ci-PR", "description": "ok"},
           {"id": 2, "state": "not-a-state", "context": "other"}]
          """);
    });
    pw.post("/api/1.2/patches/11/checks/", ctx -> ctx.status(201).contentType("application/json").result("{}"));
  }

  @AfterEach
  void stop() {
    pw.stop();
    elsewhere.stop();
  }

  private PatchworkClient client(PwRequestCount count, List<Duration> waits) {
    // The site's address: the client appends /api/1.2/.
    return new PatchworkClient("http://127.0.0.1:" + pw.port() + "/", Secret.of(TOKEN), count, Clock.systemUTC(),
        PatchworkClient.Tuning.DEFAULT.withSleeper(waits::add));
  }

  @Test
  void readsAServerWithoutConditionalSupport() throws Exception {
    PwRequestCount count = new PwRequestCount();
    PatchworkClient c = client(count, new ArrayList<>());
    assertThat(c.api().toString()).isEqualTo("http://127.0.0.1:" + pw.port() + "/api/1.2/");
    Instant since = Instant.parse("2026-01-01T00:00:00Z");
    List<PwPatch> patches = c.recentPatches("netdevbpf", since, List.of());
    assertThat(patches).extracting(PwPatch::id).containsExactly(9L, 11L, 12L);
    assertThat(patches).extracting(PwPatch::state).containsExactly("superseded", "new", "changes-requested");
    PwPatch p = patches.get(1);
    assertThat(p.date()).isEqualTo(Instant.parse("2026-01-05T10:00:00.123456Z"));
    assertThat(p.series()).containsExactly(new PwSeriesRef(5, "widgets", 2, "https://pw.example.org/s/5/",
        "/series/5/mbox/"));
    List<Seen> lists = seen.stream().filter(x -> x.path().equals("/api/1.2/patches/")).toList();
    assertThat(lists).hasSize(2);
    assertThat(lists.get(0).query()).contains("project=netdevbpf", "archived=false", "since=2026-01-01T00%3A00%3A00",
        "per_page=100").doesNotContain("state=");
    assertThat(lists).allSatisfy(x -> assertThat(x.authorization()).isEqualTo("Token " + TOKEN));

    assertThat(c.recentPatches("netdevbpf", since, List.of())).isEqualTo(patches);
    assertThat(seen.stream().filter(x -> x.path().equals("/api/1.2/patches/"))).hasSize(4)
        .allSatisfy(x -> assertThat(x.ifNoneMatch()).isNull());
    assertThat(count.fromCache()).isZero();
  }

  @Test
  void incompleteSeriesAreAskedAgainAndMboxRedirectsKeepTheTokenHome() throws Exception {
    PatchworkClient c = client(new PwRequestCount(), new ArrayList<>());
    PwSeries s = c.series(5);
    assertThat(s.coverMsgid()).isNull();
    assertThat(s.patches()).extracting(PwPatch::msgid).containsExactly("<11@example.org>", "<12@example.org>");
    c.series(5);
    assertThat(seen.stream().filter(x -> x.path().equals("/api/1.2/series/5/"))).hasSize(2);

    assertThat(new String(c.mbox(s), StandardCharsets.UTF_8)).startsWith("From nobody");
    assertThat(seen.stream().filter(x -> x.path().equals("/files/5.mbox"))).singleElement()
        .satisfies(x -> assertThat(x.authorization()).isEqualTo("Token " + TOKEN));
    PwSeries other = new PwSeries(6, "x", 1, null, null, "/series/6/mbox/", null, null, null, null, List.of());
    assertThat(new String(c.mbox(other), StandardCharsets.UTF_8)).startsWith("From elsewhere");
    assertThat(seen.stream().filter(x -> x.path().equals("/files/6.mbox"))).singleElement()
        .satisfies(x -> assertThat(x.authorization()).as("a redirect elsewhere carries no token").isNull());
  }

  @Test
  void checksAreRetriedOn5xxAndPostedAsJson() throws Exception {
    List<Duration> waits = new ArrayList<>();
    PwRequestCount count = new PwRequestCount();
    PatchworkClient c = client(count, waits);
    assertThat(c.checks(11)).containsExactly(new PwCheck("ci-PR", CheckState.SUCCESS, "https://ci/1", "ok"));
    assertThat(waits).containsExactly(Duration.ofSeconds(2));
    assertThat(count.requests()).extracting(PwExchange::status).containsExactly(503, 200);

    c.postCheck(11, new PwCheck("ci_build", CheckState.WARNING, "https://ci/2", "flaky"));
    Seen post = seen.stream().filter(x -> x.method().equals("POST")).findFirst().orElseThrow();
    JsonNode body = PwDecode.MAPPER.readTree(post.body());
    assertThat(PwDecode.MAPPER.convertValue(body, Map.class)).containsExactlyInAnyOrderEntriesOf(Map.of(
        "state", "warning", "target_url", "https://ci/2", "context", "ci_build", "description", "flaky"));
    assertThat(post.authorization()).isEqualTo("Token " + TOKEN);
  }
}
