package dev.patchflow.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.patchflow.api.ApiServer;
import dev.patchflow.config.DatabaseConfig;
import dev.patchflow.store.Database;
import dev.patchflow.testing.BackportRuns;
import dev.patchflow.testing.TestServer;
import dev.patchflow.users.Users;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The backport status pages over HTTP, against a server reading a log directory on disk. */
class BackportPagesTest {
  @TempDir static Path tmp;
  static TestServer server;
  static Path logs;

  @BeforeAll
  static void start() throws Exception {
    logs = BackportRuns.write(tmp);
    Database db = Database.open(DatabaseConfig.EMBEDDED, tmp.resolve("home"));
    server = new TestServer(db, new WebUi(db, new Users(db, Clock.systemUTC()), Clock.systemUTC(), logs));
  }

  @AfterAll
  static void stop() {
    if (server != null) {
      server.close();
    }
  }

  @Test
  void theRunsPageListsRunsNewestFirstWithTheirStatusesAndTheSummaryLog() throws Exception {
    HttpResponse<String> r = server.get("/backport/", null);
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.headers().firstValue("Content-Security-Policy").orElse("")).contains("script-src 'self'");
    String page = r.body();
    assertThat(page).contains("<a href=\"/backport/\">Backport</a>");
    assertThat(page.indexOf(BackportRuns.BLOCKED)).isPositive().isLessThan(page.indexOf(BackportRuns.DONE));
    assertThat(page).contains("<a href=\"/backport/runs/" + BackportRuns.DONE + "/\">")
        .contains("<span class=\"status success\">success</span> 1")
        .contains("<span class=\"status build_failed\">build_failed</span> 1")
        .contains("<span class=\"status routing_none\">routing_none</span> 1")
        .contains("6.1 5.10")
        .contains("no results.jsonl yet")
        .contains("1 line(s) of results.jsonl could not be read")
        .contains("network unavailable (cdn.kernel.org:443: timed out)")
        .contains("another run holds the lock");
    assertThat(page.indexOf("another run holds the lock")).isLessThan(page.indexOf("network unavailable"));
    // a summary line leads to its run's folder where there is one; the skipped run left none
    String summaries = page.substring(page.indexOf("id=\"summaries\""));
    assertThat(summaries).contains("<a href=\"/backport/runs/" + BackportRuns.DONE + "/\">20261201T020000Z</a>")
        .contains("<a href=\"/backport/runs/" + BackportRuns.BLOCKED + "/\">20261202T020000Z</a>")
        .contains("<td>20261202T020100Z</td>");
  }

  @Test
  void aRunPageShowsEachResultWithItsPullRequestAndLogs() throws Exception {
    HttpResponse<String> r = server.get("/backport/runs/" + BackportRuns.DONE + "/", null);
    assertThat(r.statusCode()).isEqualTo(200);
    String page = r.body();
    assertThat(page).contains("<code title=\"" + BackportRuns.SUCCESS_SHA + "\">111111111111</code>")
        .contains("<a class=\"pr\" href=\"" + BackportRuns.PR + "\">" + BackportRuns.PR + "</a>")
        .contains("<span class=\"status already_integrated\">already_integrated</span>")
        .contains("<td>rpmbuild exit 1</td>")
        .contains("linux.spec: Patch77").contains("linux-esx.spec: Patch78").contains("CVE-2026-1234")
        .contains("results.jsonl line 5: not JSON")
        .contains("href=\"/backport/runs/" + BackportRuns.DONE + "/files/6.1/111111111111/apply-check.log\"")
        .contains("href=\"/backport/runs/" + BackportRuns.DONE + "/files/5.10/aaaaaaaaaaaa/build-linux.log\"")
        .contains("href=\"/backport/runs/" + BackportRuns.DONE + "/files/backport.log\"");
    // escaped, and a pull request address that is not http(s) is text, never a link
    assertThat(page).contains("net: fix a leak in &lt;script&gt;window.__xss=1&lt;/script&gt;")
        .doesNotContain("<script>").contains("javascript:window.__xss=2").doesNotContain("href=\"javascript:");
    // links out of the run folder are not offered
    assertThat(page).doesNotContain("leak.log");
  }

  @Test
  void aRunWithoutResultsSaysSo() throws Exception {
    HttpResponse<String> r = server.get("/backport/runs/" + BackportRuns.BLOCKED + "/", null);
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.body()).contains("no results.jsonl yet").doesNotContain("id=\"results\"")
        .contains("/files/backport.log");
  }

  @Test
  void filesAreServedAsTextAndBigOnesByTheirEnd() throws Exception {
    HttpResponse<String> r = server.get("/backport/runs/" + BackportRuns.DONE + "/files/6.1/111111111111/apply-check.log",
        null);
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.headers().firstValue("Content-Type").orElse("")).startsWith("text/plain");
    assertThat(r.body()).isEqualTo("patch applies cleanly to v6.1.100\n");

    HttpResponse<String> big = server.get("/backport/runs/" + BackportRuns.DONE + "/files/5.10/aaaaaaaaaaaa/build-linux.log",
        null);
    assertThat(big.statusCode()).isEqualTo(200);
    assertThat(big.body()).startsWith("[truncated: this file is ").contains("only its last 1048576 bytes are shown]")
        .endsWith("error: the last line of the build\n").doesNotContain("first line of the build");
    assertThat(big.body().length()).isLessThan(BackportPages.FILE_CAP + 200);
  }

  @Test
  void unknownRunsAndFilesAre404() throws Exception {
    for (String path : List.of("/backport/runs/run-20261203-020000/", "/backport/runs/summary.log/",
        "/backport/runs/" + BackportRuns.DONE + "/files/nothing.log",
        "/backport/runs/" + BackportRuns.DONE + "/files/6.1/111111111111")) {
      assertThat(server.get(path, null).statusCode()).as(path).isEqualTo(404);
    }
  }

  @Test
  void nothingOutsideTheRunFolderIsServed() throws Exception {
    String files = "/backport/runs/" + BackportRuns.DONE + "/files/";
    String secret = tmp.resolve("secret.txt").toString();
    List<String> attempts = List.of(
        files + "../../secret.txt",
        files + "../../../secret.txt",
        files + "6.1/../../summary.log",
        files + "%2e%2e/%2e%2e/secret.txt",
        files + "%2E%2E/summary.log",
        files + "..%2f..%2fsecret.txt",
        files + "%2e%2e%2f%2e%2e%2fsecret.txt",
        files + "6.1%2f..%2f..%2fsummary.log",
        files + "%252e%252e/summary.log",
        files + "..%5c..%5csecret.txt",
        files + "/" + secret.substring(1),
        files + URLEncoder.encode(secret, StandardCharsets.UTF_8),
        files + "%2fetc%2fpasswd",
        files + "leak.log",
        files + "5.10/aaaaaaaaaaaa/leak.log",
        "/backport/runs/%2e%2e/files/secret.txt",
        "/backport/runs/..%2flogs/files/summary.log",
        "/backport/runs/" + BackportRuns.DONE + "%2f..%2f..%2f/files/secret.txt");
    HttpClient http = HttpClient.newHttpClient();
    for (String path : attempts) {
      // sent as written. Jetty passes these on unnormalised: with the reader's checks taken out, ten of them
      // served the secret or summary.log, so it is the reader that refuses them
      HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(server.url(path))).GET().build(),
          HttpResponse.BodyHandlers.ofString());
      assertThat(r.statusCode()).as(path).isEqualTo(404);
      assertThat(r.body()).as(path).doesNotContain(BackportRuns.SECRET).doesNotContain("COMPLETED")
          .doesNotContain("root:");
    }
  }

  @Test
  void withoutABackportSectionThereAreNoBackportPages() throws Exception {
    Clock clock = Clock.systemUTC();
    ApiServer plain = new ApiServer(server.db, new Users(server.db, clock), clock, new WebUi(server.db,
        new Users(server.db, clock), clock)).start("127.0.0.1", 0);
    try {
      HttpClient http = HttpClient.newHttpClient();
      String base = "http://127.0.0.1:" + plain.port();
      HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + "/backport/")).build(),
          HttpResponse.BodyHandlers.ofString());
      assertThat(r.statusCode()).isEqualTo(404);
      HttpResponse<String> home = http.send(HttpRequest.newBuilder(URI.create(base + "/testers")).build(),
          HttpResponse.BodyHandlers.ofString());
      assertThat(home.statusCode()).isEqualTo(200);
      assertThat(home.body()).contains("href=\"/testers\"").doesNotContain("/backport/");
    } finally {
      plain.close();
    }
  }
}
