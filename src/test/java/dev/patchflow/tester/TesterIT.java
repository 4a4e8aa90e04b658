package dev.patchflow.tester;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.patchflow.api.Json;
import dev.patchflow.config.DatabaseConfig;
import dev.patchflow.config.TestConfig;
import dev.patchflow.store.Database;
import dev.patchflow.store.TestJobRepository;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import dev.patchflow.testing.TestDatabases;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real runners (the tester's own client, runner and process handling) against a real server
 * over HTTP, checking out a real tag with git and running real scripts with bash.
 */
class TesterIT {
  @TempDir Path tmp;

  private TesterFixture fixture(List<TestConfig> tests, LeasePolicy leases) throws Exception {
    return new TesterFixture(Database.open(DatabaseConfig.EMBEDDED, tmp.resolve("home")), tmp, tests, leases);
  }

  private Runner runner(TesterFixture f, String name, List<String> capabilities) throws Exception {
    return new Runner(f.client(f.server.testerToken), Workspace.open(tmp.resolve("work-" + name)), name, capabilities,
        List.of());
  }

  private static int drain(Runner r) throws Exception {
    int n = 0;
    while (r.once() != Runner.Turn.IDLE) {
      n++;
    }
    return n;
  }

  private static List<TestJobRepository.Job> jobs(TesterFixture f) {
    return f.server.db.jdbi().withHandle(h -> h.createQuery("SELECT id FROM test_job ORDER BY id").mapTo(Long.class)
        .list().stream().map(id -> new TestJobRepository().get(h, id).orElseThrow()).toList());
  }

  @Test
  void eachRunnerGetsOnlyTheJobsItCanRunAndResultsBecomeChecks() throws Exception {
    try (TesterFixture f = fixture(List.of(
        new TestConfig("on-x86", "test -f b.c && echo \"tag=$PATCHFLOW_TAG base=$PATCHFLOW_BASE\"", 60, List.of("x86"), null),
        new TestConfig("on-arm", "echo arm; exit 3", 60, List.of("arm", "big"), null),
        new TestConfig("off", "true", 60, List.of(), false)), LeasePolicy.DEFAULT)) {
      List<Long> series = f.applyAll();
      assertThat(series).isNotEmpty();
      Runner x86 = runner(f, "x86-box", List.of("x86", "kvm"));
      Runner arm = runner(f, "arm-box", List.of("arm", "big"));
      Runner small = runner(f, "small-arm", List.of("arm"));
      assertThat(drain(small)).isZero();
      assertThat(drain(x86)).isEqualTo(series.size());
      assertThat(drain(arm)).isEqualTo(series.size());
      List<TestJobRepository.Job> all = jobs(f);
      assertThat(all).hasSize(2 * series.size());
      for (TestJobRepository.Job j : all) {
        assertThat(j.tester()).isEqualTo(j.testName().equals("on-x86") ? "x86-box" : "arm-box");
        assertThat(j.state()).isEqualTo(j.testName().equals("on-x86") ? "success" : "failure");
        assertThat(j.attempt()).isEqualTo(1);
      }
      TestJobRepository.Job x = all.stream().filter(j -> j.testName().equals("on-x86")).findFirst().orElseThrow();
      String log = f.server.get("/api/v1/jobs/" + x.id() + "/log", null).body();
      assertThat(log).contains("tag=" + TesterFixture.TAG + " base=" + f.base).contains("[exit code 0]");
      TestJobRepository.Job a = all.stream().filter(j -> j.testName().equals("on-arm")).findFirst().orElseThrow();
      assertThat(a.exitCode()).isEqualTo(3);

      // Patchwork clients see them as checks on every patch of the series
      long patch = f.server.db.jdbi().withHandle(h -> new TestJobRepository().patchIds(h, x.seriesId())).get(0);
      JsonNode checks = Json.read(f.server.get("/api/1.3/patches/" + patch + "/checks/", null).body());
      List<String> seen = new ArrayList<>();
      checks.forEach(c -> seen.add(c.get("context").asText() + "=" + c.get("state").asText()));
      assertThat(seen).containsExactlyInAnyOrder("on-x86=success", "on-arm=fail");
      checks.forEach(c -> assertThat(c.get("target_url").asText()).endsWith("/api/v1/jobs/"
          + (c.get("context").asText().equals("on-x86") ? x.id() : a.id()) + "/log"));
      // and the search knows the series' results
      String failed = f.server.get("/api/v1/series?q=failure:on-arm", null).body();
      assertThat(Json.read(failed).get("count").asInt()).isEqualTo(series.size());
    }
  }

  @Test
  void aLeaseThatRunsOutGoesToTheNextRunnerAndTheLateReportIsRefused() throws Exception {
    try (TesterFixture f = fixture(List.of(new TestConfig("quick", "echo second runner", 1, List.of(), null)),
        new LeasePolicy(Duration.ofSeconds(1)))) {
      f.applyAll();
      // A runner that claims and then dies: no heartbeat, no report.
      HttpResponse<String> res = f.server.send("POST", "/api/v1/testers/claim", f.server.testerToken,
          "application/json", "{\"tester\": \"dead\", \"capabilities\": []}");
      assertThat(res.statusCode()).isEqualTo(200);
      JsonNode dead = Json.read(res.body());
      long job = dead.get("job").asLong();
      Thread.sleep(2_500);
      Runner alive = runner(f, "alive", List.of());
      // the expired lease is freed at the next claim; the oldest job is the dead runner's one
      assertThat(alive.once()).isEqualTo(Runner.Turn.REPORTED);
      TestJobRepository.Job j = f.server.db.jdbi().withHandle(h -> new TestJobRepository().get(h, job)).orElseThrow();
      assertThat(j.tester()).isEqualTo("alive");
      assertThat(j.attempt()).isEqualTo(2);
      assertThat(j.state()).isEqualTo("success");
      String path = "/api/v1/jobs/" + job;
      String lease = "?lease=" + dead.get("lease").asText();
      assertThat(f.server.send("PUT", path + "/result" + lease, f.server.testerToken, "application/json",
          "{\"status\": \"failure\", \"exit_code\": 1}").statusCode()).isEqualTo(409);
      assertThat(f.server.send("POST", path + "/heartbeat" + lease, f.server.testerToken, "application/json", "")
          .statusCode()).isEqualTo(409);
      assertThat(f.server.send("POST", path + "/log" + lease, f.server.testerToken, "text/plain", "late")
          .statusCode()).isEqualTo(409);
      assertThat(f.server.get(path + "/log", null).body()).contains("second runner").doesNotContain("late");
      assertThat(f.server.db.jdbi().withHandle(h -> new TestJobRepository().get(h, job)).orElseThrow().state())
          .isEqualTo("success");
    }
  }

  @Test
  void aScriptThatHangsIsKilledWithItsChildrenAtTheTimeout() throws Exception {
    Path pidFile = tmp.resolve("child.pid");
    String script = "sleep 600 & echo $! > " + pidFile + "; echo started; sleep 600";
    try (TesterFixture f = fixture(List.of(new TestConfig("hangs", script, 3, List.of(), null)), LeasePolicy.DEFAULT)) {
      f.server.db.jdbi().useTransaction(h -> h.execute("UPDATE series SET complete = FALSE WHERE id <> "
          + "(SELECT MIN(id) FROM series WHERE complete = TRUE)"));
      f.applyAll();
      long start = System.nanoTime();
      assertThat(runner(f, "r", List.of()).once()).isEqualTo(Runner.Turn.REPORTED);
      long seconds = (System.nanoTime() - start) / 1_000_000_000;
      assertThat(seconds).isBetween(3L, 30L);
      long child = Long.parseLong(Files.readString(pidFile).strip());
      assertThat(running(child)).as("the background sleep").isFalse();
      TestJobRepository.Job j = jobs(f).get(0);
      assertThat(j.state()).isEqualTo("timeout");
      assertThat(f.server.get("/api/v1/jobs/" + j.id() + "/log", null).body()).contains("started")
          .contains("[killed after the timeout of 3 s]");
      // reported as a timeout all the way: the series' result, its page, and the Patchwork check
      JsonNode data = Json.read(f.server.db.jdbi().withHandle(h -> h.createQuery("SELECT data FROM series_result "
          + "WHERE series_id = :s AND name = 'testing.hangs'").bind("s", j.seriesId()).mapTo(String.class).one()));
      assertThat(data.get("status").asText()).isEqualTo("timeout");
      assertThat(data.get("description").asText()).startsWith("hangs timed out in ");
      assertThat(f.server.get("/series/" + j.seriesId() + "/", null).body()).contains("(hangs timed out in ")
          .contains("/jobs/" + j.id() + "/");
      long patch = f.server.db.jdbi().withHandle(h -> new TestJobRepository().patchIds(h, j.seriesId())).get(0);
      JsonNode check = Json.read(f.server.get("/api/1.3/patches/" + patch + "/checks/", null).body()).get(0);
      assertThat(check.get("context").asText()).isEqualTo("hangs");
      assertThat(check.get("state").asText()).isEqualTo("fail");
      assertThat(check.get("description").asText()).startsWith("hangs timed out in ");
    }
  }

  static List<String> databases() {
    return TestDatabases.kinds();
  }

  /** On PostgreSQL too (PATCHFLOW_TEST_PG_URL), where the claims lock with SKIP LOCKED. */
  @ParameterizedTest
  @MethodSource("databases")
  void fourRunnersShareSixtyJobsAndEachEndsOnce(String kind) throws Exception {
    try (TesterFixture f = new TesterFixture(TestDatabases.open(kind, tmp.resolve("home")), tmp, List.of(
        new TestConfig("one", "echo 1", 60, List.of(), null), new TestConfig("two", "echo 2", 60, List.of(), null),
        new TestConfig("three", "echo 3", 60, List.of(), null)), LeasePolicy.DEFAULT)) {
      f.server.db.jdbi().useTransaction(h -> h.execute("UPDATE series SET complete = FALSE"));
      f.addSeries(tmp, 20);
      List<Long> series = f.applyAll();
      assertThat(series).hasSize(20);
      ExecutorService pool = Executors.newFixedThreadPool(4);
      List<Future<Integer>> done = new ArrayList<>();
      for (int i = 0; i < 4; i++) {
        Runner r = runner(f, "r" + i, List.of());
        done.add(pool.submit(() -> drain(r)));
      }
      int total = 0;
      for (Future<Integer> d : done) {
        total += d.get();
      }
      pool.shutdown();
      assertThat(total).isEqualTo(60);
      List<TestJobRepository.Job> all = jobs(f);
      assertThat(all).hasSize(60).allSatisfy(j -> {
        assertThat(j.state()).isEqualTo("success");
        assertThat(j.attempt()).isEqualTo(1);
      });
      long checks = f.server.db.jdbi().withHandle(h -> h.createQuery("SELECT COUNT(*) FROM patch_check")
          .mapTo(Long.class).one());
      assertThat(checks).isEqualTo(60); // one patch per series, one check per job
      assertThat(all.stream().map(TestJobRepository.Job::tester).distinct().count()).isGreaterThan(1);
    }
  }

  /** Alive and not a zombie: a killed orphan stays a zombie where the container's init does not reap. */
  private static boolean running(long pid) throws Exception {
    Path stat = Path.of("/proc/" + pid + "/stat");
    if (!Files.exists(stat)) {
      return false;
    }
    String s = Files.readString(stat);
    return !s.substring(s.lastIndexOf(')') + 2).startsWith("Z");
  }

  @Test
  void oneRunnerPerWorkDirectory() throws Exception {
    try (Workspace first = Workspace.open(tmp.resolve("w"))) {
      org.assertj.core.api.Assertions.assertThatThrownBy(() -> Workspace.open(tmp.resolve("w")))
          .hasMessageContaining("another tester is running");
    }
    Workspace.open(tmp.resolve("w")).close();
  }

  @Test
  void aMaintainerResetRunsTheTestsAgain() throws Exception {
    try (TesterFixture f = fixture(List.of(new TestConfig("quick", "echo run", 60, List.of(), null)), LeasePolicy.DEFAULT)) {
      long series = f.applyOne();
      Runner r = runner(f, "box", List.of());
      assertThat(drain(r)).isEqualTo(1);
      String path = "/api/v1/series/" + series + "/tests/reset";
      assertThat(f.server.send("POST", path, f.server.testerToken, "application/json", "").statusCode()).isEqualTo(403);
      var reset = f.server.send("POST", path, f.server.maintainerToken, "application/json", "");
      assertThat(reset.statusCode()).isEqualTo(200);
      assertThat(reset.body()).contains("\"jobs\":1");
      assertThat(jobs(f)).singleElement().satisfies(j -> assertThat(j.state()).isEqualTo("pending"));
      long results = f.server.db.jdbi().withHandle(h -> h.createQuery("SELECT COUNT(*) FROM series_result "
          + "WHERE series_id = :s AND name = 'testing.quick'").bind("s", series).mapTo(Long.class).one());
      assertThat(results).isZero();
      assertThat(drain(r)).isEqualTo(1);
      assertThat(jobs(f)).singleElement().satisfies(j -> {
        assertThat(j.state()).isEqualTo("success");
        assertThat(j.attempt()).isEqualTo(2);
      });
    }
  }
}
