package dev.patchflow.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.patchflow.config.DatabaseConfig;
import dev.patchflow.store.Database;
import dev.patchflow.testing.TestServer;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Patchwork-compatible API over HTTP: field sets, filters, paging, writes, errors. */
class PwApiTest {
  @TempDir static Path tmp;
  static TestServer s;

  @BeforeAll
  static void start() throws Exception {
    s = new TestServer(Database.open(DatabaseConfig.EMBEDDED, tmp));
  }

  @AfterAll
  static void stop() {
    s.close();
  }

  private static JsonNode get(String path) throws Exception {
    HttpResponse<String> r = s.get(path, null);
    assertThat(r.statusCode()).as(path + ": " + r.body()).isEqualTo(200);
    return Json.read(r.body());
  }

  private static List<String> fields(JsonNode n) {
    List<String> out = new ArrayList<>();
    n.fieldNames().forEachRemaining(out::add);
    return out;
  }

  private static long patchId(String q) throws Exception {
    return get("/api/1.3/patches/?q=" + q).get(0).get("id").asLong();
  }

  @Test
  void patchFieldsAreThoseOfPatchwork13() throws Exception {
    JsonNode list = get("/api/1.3/patches/?project=" + TestServer.PROJECT);
    assertThat(fields(list.get(0))).containsExactly("id", "url", "web_url", "project", "msgid", "list_archive_url",
        "date", "name", "commit_ref", "pull_url", "state", "archived", "hash", "submitter", "delegate", "mbox", "series",
        "comments", "check", "checks", "tags", "related");
    JsonNode detail = get("/api/1.3/patches/" + list.get(0).get("id").asLong() + "/");
    assertThat(fields(detail)).endsWith("headers", "content", "diff", "prefixes");
    assertThat(detail.get("msgid").asText()).startsWith("<").endsWith(">");
    assertThat(detail.get("series").isArray()).isTrue();
    assertThat(detail.get("tags").isObject()).isTrue();
    assertThat(detail.get("checks").asText()).contains("/api/patches/").doesNotContain("/1.3/");
    assertThat(detail.get("diff").asText()).startsWith("diff --git");
    assertThat(fields(detail.get("submitter"))).containsExactly("id", "url", "name", "email");
    assertThat(fields(detail.get("project"))).containsExactly("id", "url", "name", "link_name", "list_id", "list_email",
        "web_url", "scm_url", "webscm_url", "list_archive_url", "list_archive_url_format", "commit_url_format");
    JsonNode v10 = get("/api/1.0/patches/" + list.get(0).get("id").asLong() + "/");
    assertThat(fields(v10)).doesNotContain("web_url", "comments", "list_archive_url", "related");
    assertThat(v10.get("url").asText()).contains("/api/1.0/patches/");
  }

  @Test
  void seriesCoverAndProjectFields() throws Exception {
    JsonNode series = get("/api/series/?order=-date").get(0);
    assertThat(fields(series)).containsExactly("id", "url", "web_url", "project", "name", "date", "submitter", "version",
        "total", "received_total", "received_all", "mbox", "cover_letter", "patches");
    JsonNode withCover = get("/api/1.3/series/?q=widget").get(0);
    assertThat(fields(withCover.get("cover_letter"))).containsExactly("id", "url", "web_url", "msgid",
        "list_archive_url", "date", "name", "mbox");
    JsonNode cover = get("/api/1.3/covers/" + withCover.get("cover_letter").get("id").asLong() + "/");
    assertThat(fields(cover)).containsExactly("id", "url", "web_url", "project", "msgid", "list_archive_url", "date",
        "name", "submitter", "mbox", "series", "comments", "headers", "content");
    JsonNode project = get("/api/1.3/projects/" + TestServer.PROJECT + "/");
    assertThat(fields(project)).contains("maintainers", "subject_match");
    assertThat(project.get("maintainers").get(0).get("username").asText()).isEqualTo("maint");
  }

  @Test
  void filtersTakeSlugsIdsAndEmailsAndUnknownValuesGiveEmptyLists() throws Exception {
    int all = get("/api/1.3/patches/?per_page=100").size();
    assertThat(get("/api/1.3/patches/?state=superseded").size()).isEqualTo(3);
    assertThat(get("/api/1.3/patches/?state=9").size()).isEqualTo(3);
    assertThat(get("/api/1.3/patches/?state=new&state=superseded").size())
        .isEqualTo(get("/api/1.3/patches/?state=new").size() + 3);
    assertThat(get("/api/1.3/patches/?submitter=ada@example.org").size()).isEqualTo(all);
    assertThat(get("/api/1.3/patches/?project=no-such-project").size()).isZero();
    assertThat(get("/api/1.3/patches/?msgid=v2.2@demo.patchflow")).singleElement()
        .satisfies(p -> assertThat(p.get("name").asText()).contains("widget: add a limit"));
    String hash = get("/api/1.3/patches/?msgid=v2.2@demo.patchflow").get(0).get("hash").asText();
    assertThat(get("/api/1.3/patches/?hash=" + hash)).hasSize(1);
    assertThat(get("/api/1.3/patches/?archived=true")).isEmpty();
    assertThat(get("/api/1.3/series/?submitter=nobody@example.org")).isEmpty();
  }

  @Test
  void pagingUsesLinkHeaders() throws Exception {
    HttpResponse<String> first = s.get("/api/1.3/patches/?per_page=2", null);
    assertThat(Json.read(first.body())).hasSize(2);
    String link = first.headers().firstValue("Link").orElseThrow();
    assertThat(link).contains("rel=\"next\"").contains("page=2").contains("rel=\"last\"").doesNotContain("rel=\"prev\"");
    HttpResponse<String> second = s.get("/api/1.3/patches/?per_page=2&page=2", null);
    assertThat(second.headers().firstValue("Link").orElseThrow()).contains("rel=\"prev\"");
  }

  @Test
  void checksAreCreatedByTestersAndCombined() throws Exception {
    long patch = patchId("README");
    String body = "{\"state\": \"success\", \"context\": \"build-gcc\", \"target_url\": \"https://ci.example.org/1\","
        + " \"description\": \"built\"}";
    assertThat(s.send("POST", "/api/1.3/patches/" + patch + "/checks/", null, "application/json", body).statusCode())
        .isEqualTo(403);
    assertThat(s.send("POST", "/api/1.3/patches/" + patch + "/checks/", s.userToken, "application/json", body).statusCode())
        .isEqualTo(403);
    HttpResponse<String> created = s.send("POST", "/api/1.3/patches/" + patch + "/checks/", s.testerToken,
        "application/json", body);
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    assertThat(fields(Json.read(created.body()))).containsExactly("id", "url", "user", "date", "state", "target_url",
        "context", "description");
    assertThat(s.send("POST", "/api/1.3/patches/" + patch + "/checks/", s.testerToken, "application/json",
        "{\"state\": \"success\", \"context\": \"build/gcc\"}").statusCode()).isEqualTo(400);
    assertThat(get("/api/1.3/patches/" + patch + "/").get("check").asText()).isEqualTo("success");
    s.send("POST", "/api/1.3/patches/" + patch + "/checks/", s.testerToken, "application/x-www-form-urlencoded",
        "state=fail&context=test-boot");
    assertThat(get("/api/1.3/patches/" + patch + "/").get("check").asText()).isEqualTo("fail");
    assertThat(get("/api/1.3/patches/" + patch + "/checks/?context=build-gcc")).hasSize(1);
    JsonNode events = get("/api/1.3/events/?category=check-created&patch=" + patch);
    assertThat(events).hasSize(2);
    assertThat(events.get(0).get("payload").get("check").get("context").asText()).isEqualTo("test-boot");
  }

  @Test
  void writesNeedTheRightUserAndBadStatesNameTheAllowedOnes() throws Exception {
    long patch = patchId("widget_full");
    assertThat(s.send("PATCH", "/api/1.3/patches/" + patch + "/", null, "application/json", "{\"state\":\"rfc\"}")
        .statusCode()).isEqualTo(403);
    assertThat(s.send("PATCH", "/api/1.3/patches/" + patch + "/", s.userToken, "application/json", "{\"state\":\"rfc\"}")
        .statusCode()).isEqualTo(403);
    assertThat(s.send("PATCH", "/api/1.3/patches/" + patch + "/", s.maintainerToken, null, "state=rfc").statusCode())
        .isEqualTo(415);
    HttpResponse<String> bad = s.send("PATCH", "/api/1.3/patches/" + patch + "/", s.maintainerToken, "application/json",
        "{\"state\":\"merged-upstream\"}");
    assertThat(bad.statusCode()).isEqualTo(400);
    assertThat(bad.body()).contains("new").contains("under-review").contains("deferred");
    HttpResponse<String> ok = s.send("PATCH", "/api/1.2/patches/" + patch + "/", s.maintainerToken,
        "application/x-www-form-urlencoded", "state=changes-requested&archived=true&commit_ref=abc123");
    assertThat(ok.statusCode()).as(ok.body()).isEqualTo(200);
    JsonNode after = Json.read(ok.body());
    assertThat(after.get("state").asText()).isEqualTo("changes-requested");
    assertThat(after.get("archived").asBoolean()).isTrue();
    assertThat(after.get("commit_ref").asText()).isEqualTo("abc123");
    JsonNode event = get("/api/1.3/events/?category=patch-state-changed&patch=" + patch).get(0);
    assertThat(event.get("payload").get("current_state").asText()).isEqualTo("changes-requested");
    assertThat(event.get("actor").get("username").asText()).isEqualTo("maint");
  }

  @Test
  void peopleAndUsersNeedALogin() throws Exception {
    assertThat(s.get("/api/1.3/people/", null).statusCode()).isEqualTo(403);
    assertThat(s.get("/api/1.3/users/", null).body()).contains("Authentication credentials were not provided.");
    assertThat(s.get("/api/1.3/people/", "not-a-token").statusCode()).isEqualTo(401);
    JsonNode me = Json.read(s.get("/api/1.3/users/me/", s.userToken).body());
    assertThat(me.get("username").asText()).isEqualTo("someone");
    assertThat(me.has("settings")).isTrue();
    JsonNode people = Json.read(s.get("/api/1.3/people/?q=grace", s.userToken).body());
    assertThat(people).singleElement().satisfies(p -> assertThat(p.get("email").asText()).isEqualTo("grace@example.org"));
  }

  @Test
  void commentsAndEvents() throws Exception {
    long reviewed = get("/api/1.3/patches/?msgid=v1.3@demo.patchflow").get(0).get("id").asLong();
    JsonNode comments = get("/api/1.3/patches/" + reviewed + "/comments/");
    assertThat(comments).singleElement().satisfies(c -> {
      assertThat(c.get("content").asText()).contains("Reviewed-by: Grace Hopper");
      assertThat(c.get("submitter").get("name").asText()).isEqualTo("Grace Hopper");
    });
    long commentId = comments.get(0).get("id").asLong();
    assertThat(get("/api/1.3/patches/" + reviewed + "/comments/" + commentId + "/").get("id").asLong()).isEqualTo(commentId);
    assertThat(s.get("/api/1.2/patches/" + reviewed + "/comments/" + commentId + "/", null).statusCode()).isEqualTo(404);
    List<String> categories = new ArrayList<>();
    get("/api/1.3/events/?per_page=250").forEach(e -> categories.add(e.get("category").asText()));
    assertThat(categories).contains("patch-created", "cover-created", "series-created", "series-completed",
        "patch-completed", "patch-state-changed");
  }

  @Test
  void mboxDownloadsHaveAFileNameAndApplyableContent() throws Exception {
    JsonNode patch = get("/api/1.3/patches/?msgid=v1.3@demo.patchflow").get(0);
    HttpResponse<String> mbox = s.get(patch.get("mbox").asText().replaceFirst("^http://[^/]+", ""), null);
    assertThat(mbox.headers().firstValue("Content-Disposition").orElseThrow()).contains("filename=");
    assertThat(mbox.body()).startsWith("From ").contains("Subject: [PATCH widgets 2/3] docs: describe the widget limit")
        .contains("X-Patchwork-Id: " + patch.get("id").asLong())
        .contains("Reviewed-by: Grace Hopper <grace@example.org>\nAcked-by: Linus Example <linus@example.org>\n---\n")
        .contains("diff --git a/README b/README");
    HttpResponse<String> withDeps = s.get(patch.get("mbox").asText().replaceFirst("^http://[^/]+", "") + "?series=*", null);
    assertThat(withDeps.body().split("\nFrom patchflow ")).hasSize(2);
  }

  @Test
  void bundlesAreCreatedReadChangedAndDeletedByTheirOwner() throws Exception {
    long a = patchId("README");
    long b = get("/api/1.3/patches/?msgid=v2.2@demo.patchflow").get(0).get("id").asLong();
    assertThat(s.send("POST", "/api/1.3/bundles/", null, "application/json", "{\"name\":\"x\",\"patches\":[" + a + "]}")
        .statusCode()).isEqualTo(403);
    HttpResponse<String> created = s.send("POST", "/api/1.3/bundles/", s.userToken, "application/json",
        "{\"name\": \"to-review\", \"patches\": [" + b + ", " + a + "], \"public\": false}");
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    JsonNode bundle = Json.read(created.body());
    assertThat(fields(bundle)).containsExactly("id", "url", "web_url", "project", "name", "owner", "patches", "public", "mbox");
    assertThat(bundle.get("patches").get(0).get("id").asLong()).isEqualTo(b);
    long id = bundle.get("id").asLong();
    assertThat(s.get("/api/1.3/bundles/" + id + "/", null).statusCode()).isEqualTo(404);
    assertThat(s.get("/api/1.3/bundles/" + id + "/", s.userToken).statusCode()).isEqualTo(200);
    assertThat(s.send("PATCH", "/api/1.3/bundles/" + id + "/", s.testerToken, "application/json", "{\"public\": true}")
        .statusCode()).isEqualTo(404);
    assertThat(s.send("PATCH", "/api/1.3/bundles/" + id + "/", s.userToken, "application/json", "{\"public\": true}")
        .statusCode()).isEqualTo(200);
    assertThat(get("/api/1.3/bundles/")).hasSize(1);
    HttpResponse<String> mbox = s.get(bundle.get("mbox").asText().replaceFirst("^http://[^/]+", ""), null);
    assertThat(mbox.body()).contains("widget: add a limit").contains("README: say what widgets are");
    assertThat(s.send("DELETE", "/api/1.3/bundles/" + id + "/", s.testerToken, null, null).statusCode()).isEqualTo(403);
    assertThat(s.send("DELETE", "/api/1.3/bundles/" + id + "/", s.userToken, null, null).statusCode()).isEqualTo(204);
    assertThat(get("/api/1.3/bundles/")).isEmpty();
  }

  @Test
  void instanceStatesWithKernelOrgIdsWorkForUpdatesAndFilters() throws Exception {
    s.db.jdbi().useTransaction(h -> new dev.patchflow.store.StateRepository().ensure(h, null, 11, "mainlined", "Mainlined"));
    long patch = get("/api/1.3/patches/?msgid=v2.3@demo.patchflow").get(0).get("id").asLong();
    assertThat(s.send("PATCH", "/api/1.3/patches/" + patch + "/", s.maintainerToken, "application/json",
        "{\"state\": \"mainlined\"}").statusCode()).isEqualTo(200);
    assertThat(get("/api/1.3/patches/?state=11")).singleElement()
        .satisfies(p -> assertThat(p.get("state").asText()).isEqualTo("mainlined"));
  }

  @Test
  void aProjectsOwnStatesAreItsOnly() throws Exception {
    s.db.jdbi().useTransaction(h -> {
      var projects = new dev.patchflow.store.ProjectRepository();
      var states = new dev.patchflow.store.StateRepository();
      long other = projects.ensure(h, "other.lists.example.org", "other.lists.example.org", null).id();
      long widgets = projects.byName(h, TestServer.PROJECT).orElseThrow().id();
      states.ensure(h, other, 20, "needs-ack", "Needs ACK");
      states.ensure(h, widgets, 21, "queued-widgets", "Queued (widgets)");
    });
    long patch = get("/api/1.3/patches/?msgid=v2.2@demo.patchflow").get(0).get("id").asLong();
    HttpResponse<String> refused = s.send("PATCH", "/api/1.3/patches/" + patch + "/", s.maintainerToken,
        "application/json", "{\"state\": \"needs-ack\"}");
    assertThat(refused.statusCode()).isEqualTo(400);
    assertThat(refused.body()).contains("queued-widgets").doesNotContain("needs-ack\",");
    assertThat(s.send("PATCH", "/api/1.3/patches/" + patch + "/", s.maintainerToken, "application/json",
        "{\"state\": \"queued-widgets\"}").statusCode()).isEqualTo(200);
    assertThat(get("/api/1.3/patches/?state=21")).singleElement()
        .satisfies(p -> assertThat(p.get("state").asText()).isEqualTo("queued-widgets"));
    assertThat(get("/api/1.3/patches/?state=queued-widgets")).hasSize(1);
  }
}
