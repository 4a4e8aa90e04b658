package dev.patchflow.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.patchflow.api.v1.NativeApi;
import dev.patchflow.config.Config;
import dev.patchflow.config.DatabaseConfig;
import dev.patchflow.store.Database;
import dev.patchflow.testing.TestServer;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every API route that reads or writes, called as every kind of caller: the status each must get. */
class RoleMatrixTest {
  @TempDir static Path tmp;
  static TestServer s;
  static long patch;
  static long series;
  static final AtomicInteger unique = new AtomicInteger();

  static final List<String> CALLERS = List.of("anonymous", "user", "importer", "tester", "maintainer", "admin");

  /** A route: method, path, content type, body, and the status per caller in CALLERS order. */
  record Route(String method, String path, String type, String body, int... expected) {}

  @BeforeAll
  static void start() throws Exception {
    Database db = Database.open(DatabaseConfig.EMBEDDED, tmp);
    s = new TestServer(db, new NativeApi(db, Config.DEFAULT, Clock.systemUTC()),
        new dev.patchflow.tester.TesterApi(db, List.of(), Clock.systemUTC()),
        new dev.patchflow.web.WebUi(db, new dev.patchflow.users.Users(db, Clock.systemUTC()), Clock.systemUTC()));
    patch = Json.read(s.get("/api/1.3/patches/?q=README", null).body()).get(0).get("id").asLong();
    series = Json.read(s.get("/api/1.3/series/?q=README", null).body()).get(0).get("id").asLong();
  }

  @AfterAll
  static void stop() {
    s.close();
  }

  static Stream<Arguments> routes() {
    List<Route> routes = List.of(
        new Route("GET", "/api/1.3/patches/", null, null, 200, 200, 200, 200, 200, 200),
        new Route("GET", "/api/1.3/series/{series}/", null, null, 200, 200, 200, 200, 200, 200),
        new Route("GET", "/api/1.3/people/", null, null, 403, 200, 200, 200, 200, 200),
        new Route("GET", "/api/1.3/users/", null, null, 403, 200, 200, 200, 200, 200),
        new Route("GET", "/api/1.3/users/me/", null, null, 403, 200, 200, 200, 200, 200),
        new Route("PATCH", "/api/1.3/patches/{patch}/", "application/json", "{\"state\": \"under-review\"}",
            403, 403, 403, 403, 200, 200),
        new Route("POST", "/api/1.3/patches/{patch}/checks/", "application/json",
            "{\"state\": \"success\", \"context\": \"matrix\"}", 403, 403, 403, 201, 201, 201),
        new Route("POST", "/api/1.3/bundles/", "application/json", "{\"name\": \"b{n}\", \"patches\": [{patch}]}",
            403, 201, 201, 201, 201, 201),
        new Route("POST", "/api/v1/messages", "message/rfc822",
            "From: a@example.org\nSubject: note {n}\nMessage-ID: <matrix.{n}@example.org>\n\nhello\n",
            401, 403, 201, 403, 403, 201),
        new Route("PUT", "/api/v1/series/{series}/results/matrix", "application/json", "{\"status\": \"running\"}",
            401, 403, 403, 200, 200, 200),
        new Route("GET", "/api/v1/series/{series}/results", null, null, 200, 200, 200, 200, 200, 200),
        // no jobs in this store: the tester gets 204 (nothing to run), a missing job 404, after the role check
        new Route("POST", "/api/v1/testers/claim", "application/json", "{\"tester\": \"m\", \"capabilities\": []}",
            401, 403, 403, 204, 403, 204),
        new Route("GET", "/api/v1/testers/probes", null, null, 401, 403, 403, 200, 403, 200),
        new Route("POST", "/api/v1/series/{series}/tests/reset", "application/json", "", 401, 403, 403, 403, 200, 200),
        new Route("POST", "/api/v1/jobs/999999/heartbeat?lease=x", "application/json", "", 401, 404, 404, 404, 404, 404),
        new Route("POST", "/api/v1/jobs/999999/log?lease=x", "text/plain", "x", 401, 404, 404, 404, 404, 404),
        new Route("PUT", "/api/v1/jobs/999999/result?lease=x", "application/json", "{\"status\": \"success\"}",
            401, 404, 404, 404, 404, 404),
        new Route("GET", "/api/v1/jobs/999999/log", null, null, 404, 404, 404, 404, 404, 404),
        new Route("GET", "/testers", null, null, 200, 200, 200, 200, 200, 200),
        new Route("GET", "/project/" + TestServer.PROJECT + "/badge.svg", null, null, 200, 200, 200, 200, 200, 200));
    List<Arguments> out = new ArrayList<>();
    for (Route r : routes) {
      for (int i = 0; i < CALLERS.size(); i++) {
        out.add(Arguments.of(r.method() + " " + r.path(), CALLERS.get(i), r, r.expected()[i]));
      }
    }
    return out.stream();
  }

  @ParameterizedTest(name = "{0} as {1}")
  @MethodSource("routes")
  void statusPerRole(String name, String caller, Route r, int expected) throws Exception {
    String token = Map.of("user", s.userToken, "importer", s.importerToken, "tester", s.testerToken,
        "maintainer", s.maintainerToken, "admin", s.adminToken).get(caller);
    String path = r.path().replace("{patch}", Long.toString(patch)).replace("{series}", Long.toString(series));
    String body = r.body() == null ? null : r.body().replace("{patch}", Long.toString(patch))
        .replace("{n}", Integer.toString(unique.incrementAndGet()));
    HttpResponse<String> res = r.method().equals("GET") ? s.get(path, token) : s.send(r.method(), path, token, r.type(), body);
    assertThat(res.statusCode()).as(name + " as " + caller + ": " + res.body()).isEqualTo(expected);
  }
}
