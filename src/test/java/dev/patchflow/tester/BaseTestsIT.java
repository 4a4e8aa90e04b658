package dev.patchflow.tester;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.patchflow.api.Json;
import dev.patchflow.config.ApplierConfig;
import dev.patchflow.config.DatabaseConfig;
import dev.patchflow.config.ProjectConfig;
import dev.patchflow.config.TestConfig;
import dev.patchflow.gittree.Applier;
import dev.patchflow.gittree.MergeDetector;
import dev.patchflow.store.Database;
import dev.patchflow.store.TestJobRepository;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Base tests against a live server: the applier's upstream scan follows the project's base
 * branch (a real git repository); each new head gets one job per enabled base test, which a real
 * runner fetches by the branch, checks out at that head and reports; no series and no checks.
 */
class BaseTestsIT {
  @TempDir Path tmp;

  @Test
  void eachNewBaseHeadIsTestedOnceByEveryBaseTest() throws Exception {
    String script = "echo \"at $(git rev-parse HEAD) base=$PATCHFLOW_BASE ref=$PATCHFLOW_REF\"; test -f b.c";
    ProjectConfig project = TesterFixture.projectWithTree(tmp, List.of(
        new TestConfig("per-series", "true", 60, List.of(), null),
        new TestConfig("nightly", script, 60, List.of(), null, true),
        new TestConfig("off", "true", 60, List.of(), false, true)));
    Database db = Database.open(DatabaseConfig.EMBEDDED, tmp.resolve("home"));
    try (TesterFixture f = new TesterFixture(db, tmp, project, LeasePolicy.DEFAULT, JobReports.Listener.NONE)) {
      f.server.db.jdbi().useTransaction(h -> h.execute("UPDATE series SET complete = FALSE"));
      Applier applier = new Applier(db, List.of(project), tmp.resolve("git"), ApplierConfig.DEFAULT, "it", Clock.systemUTC());
      MergeDetector scan = new MergeDetector(db, Clock.systemUTC(), 100);
      assertThat(f.sync.sync()).as("no base seen yet").isZero();

      applier.scanMerges(scan);
      assertThat(f.sync.sync()).as("one job: the enabled base test, at the branch's head").isEqualTo(1);
      assertThat(f.sync.sync()).as("the same head again").isZero();
      TestJobRepository.Job job = only(f, f.head);
      assertThat(job.testName()).isEqualTo("nightly");
      assertThat(job.isBase()).isTrue();

      // the upstream moves on before the tester gets to it: the job still tests the head it was made for
      Files.writeString(f.upstream.resolve("c.c"), "int c;\n");
      TesterFixture.git(f.upstream, "add", ".");
      TesterFixture.git(f.upstream, "commit", "-q", "-m", "later");
      String later = TesterFixture.git(f.upstream, "rev-parse", "HEAD").strip();
      Runner runner = new Runner(f.client(f.server.testerToken), Workspace.open(tmp.resolve("work")), "box", List.of(),
          List.of());
      assertThat(runner.once()).isEqualTo(Runner.Turn.REPORTED);
      job = only(f, f.head);
      assertThat(job.state()).isEqualTo("success");
      assertThat(f.server.get("/api/v1/jobs/" + job.id() + "/log", null).body())
          .contains("at " + f.head + " base=" + f.head + " ref=refs/heads/" + TesterFixture.BRANCH);
      JsonNode described = Json.read(f.server.get("/api/v1/jobs/" + job.id(), null).body());
      assertThat(described.get("series").isNull()).isTrue();
      assertThat(described.get("base").asText()).isEqualTo(f.head);
      long checks = db.jdbi().withHandle(h -> h.createQuery("SELECT COUNT(*) FROM patch_check").mapTo(Long.class).one());
      long results = db.jdbi().withHandle(h -> h.createQuery("SELECT COUNT(*) FROM series_result WHERE name LIKE "
          + "'testing.%'").mapTo(Long.class).one());
      assertThat(checks + results).as("a base test makes no series result and no Patchwork check").isZero();

      // the next scan sees the new head: one job more, run at that head
      applier.scanMerges(scan);
      assertThat(f.sync.sync()).isEqualTo(1);
      assertThat(runner.once()).isEqualTo(Runner.Turn.REPORTED);
      assertThat(only(f, later).state()).isEqualTo("success");
      assertThat(runner.once()).as("nothing else to run").isEqualTo(Runner.Turn.IDLE);

      // the testers page shows the project's base tests at the newest head
      String page = f.server.get("/testers", null).body();
      assertThat(page).contains("Base tests").contains(later.substring(0, 12))
          .contains("/jobs/" + only(f, later).id() + "/").contains(">success<");
      assertThat(f.server.get("/jobs/" + only(f, later).id() + "/", null).body()).contains("base branch at")
          .contains("at " + later);
    }
  }

  private static TestJobRepository.Job only(TesterFixture f, String base) {
    long project = f.server.db.jdbi().withHandle(h -> h.createQuery("SELECT id FROM project WHERE name = :n")
        .bind("n", dev.patchflow.testing.TestServer.PROJECT).mapTo(Long.class).one());
    List<TestJobRepository.Job> jobs = f.server.db.jdbi().withHandle(h -> new TestJobRepository().forBase(h, project,
        base));
    assertThat(jobs).hasSize(1);
    return jobs.get(0);
  }
}
