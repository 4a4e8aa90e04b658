package dev.patchflow.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.patchflow.api.ApiServer;
import dev.patchflow.config.DatabaseConfig;
import dev.patchflow.store.Database;
import dev.patchflow.testing.TestDatabases;
import dev.patchflow.testing.TestServer;
import dev.patchflow.users.Role;
import dev.patchflow.users.Users;
import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Two servers on one store, as replicas behind one address: a browser logged in on one is
 * logged in on the other, a form from one posts to the other, and a logout or a role taken away
 * on one holds on both.
 */
class ReplicasTest {
  private static final Pattern CSRF = Pattern.compile("name=\"csrf\" value=\"([0-9a-f]+)\"");
  @TempDir Path tmp;

  static List<String> databases() {
    return TestDatabases.kinds();
  }

  @ParameterizedTest
  @MethodSource("databases")
  void aLoginHoldsOnEveryReplica(String kind) throws Exception {
    DatabaseConfig config = kind.equals("h2") ? DatabaseConfig.EMBEDDED : TestDatabases.freshPostgres();
    Clock clock = Clock.systemUTC();
    Database db1 = Database.open(config, tmp);
    try (TestServer one = new TestServer(db1, new WebUi(db1, new Users(db1, clock), clock));
        Database db2 = Database.open(config, tmp)) {
      ApiServer two = new ApiServer(db2, new Users(db2, clock), clock, new WebUi(db2, new Users(db2, clock), clock))
          .start("127.0.0.1", 0);
      try {
        // One browser: cookies are per host, not per port, as behind a load balancer.
        HttpClient browser = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();
        String a = one.url("");
        String b = "http://127.0.0.1:" + two.port();

        String form = get(browser, a + "/login").body();
        HttpResponse<String> login = post(browser, b + "/login",
            "username=maint&password=maintainer-password&csrf=" + csrf(form));
        assertThat(login.statusCode()).isEqualTo(302);
        assertThat(login.headers().allValues("Set-Cookie")).anySatisfy(c -> assertThat(c).startsWith("patchflow_session=")
            .containsIgnoringCase("HttpOnly"));

        // Logged in on the replica that did not see the login.
        String patchPage = get(browser, a + "/project/" + TestServer.PROJECT + "/list/").body();
        assertThat(patchPage).contains("<span class=\"user\">maint</span>");
        String patch = one.db.jdbi().withHandle(h -> h.createQuery("SELECT m.msgid FROM message m WHERE m.kind = 'PATCH' "
            + "ORDER BY m.id").mapTo(String.class).first());
        long patchId = one.db.jdbi().withHandle(h -> h.createQuery("SELECT id FROM message WHERE msgid = :m")
            .bind("m", patch).mapTo(Long.class).one());
        String page = get(browser, a + "/project/" + TestServer.PROJECT + "/patch/" + dev.patchflow.api.Urls.msgid(patch) + "/").body();
        assertThat(page).contains("id=\"update\"");

        // A form shown by one replica posts to the other.
        HttpResponse<String> update = post(browser, b + "/patch/" + patchId + "/update", "state=rfc&csrf=" + csrf(page));
        assertThat(update.statusCode()).isEqualTo(302);
        assertThat(get(browser, a + "/api/1.3/patches/" + patchId + "/").body()).contains("\"state\":\"rfc\"");

        // A forged token is refused on both.
        assertThat(post(browser, a + "/patch/" + patchId + "/update", "state=new&csrf=" + "0".repeat(64)).statusCode())
            .isEqualTo(403);

        // Roles are read per request: taken away on the store, gone on the next page.
        one.db.jdbi().useHandle(h -> h.execute("DELETE FROM user_role WHERE role = ?", Role.MAINTAINER.slug()));
        assertThat(get(browser, b + "/project/" + TestServer.PROJECT + "/patch/" + dev.patchflow.api.Urls.msgid(patch) + "/").body())
            .contains("<span class=\"user\">maint</span>").doesNotContain("id=\"update\"");

        // Logging out on one logs out on both.
        String any = get(browser, b + "/").body();
        assertThat(post(browser, b + "/logout", "csrf=" + csrf(any)).statusCode()).isEqualTo(302);
        assertThat(get(browser, a + "/").body()).doesNotContain("class=\"user\"").contains("log in");
      } finally {
        two.close();
      }
    }
  }

  private static String csrf(String page) {
    Matcher m = CSRF.matcher(page);
    assertThat(m.find()).as("a CSRF field in the page").isTrue();
    return m.group(1);
  }

  private static HttpResponse<String> get(HttpClient http, String url) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
  }

  private static HttpResponse<String> post(HttpClient http, String url, String form) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
  }

}
