package dev.patchflow.tester;

import static org.assertj.core.api.Assertions.assertThat;

import dev.patchflow.config.IntakeConfig;
import dev.patchflow.config.ProjectConfig;
import dev.patchflow.config.TestConfig;
import dev.patchflow.intake.ImportProgress;
import dev.patchflow.intake.Importer;
import dev.patchflow.intake.MailSources;
import dev.patchflow.intake.ProjectRouter;
import dev.patchflow.store.Database;
import dev.patchflow.store.ResultRepository;
import dev.patchflow.testing.TestServer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A test server whose project has the given tests, a real bare repository with a tag, and
 * series marked applied onto that tag the way the applier marks them (a "git" success result),
 * after which the jobs are made as `serve` makes them ({@link JobSync}, which claims do not run).
 */
final class TesterFixture implements AutoCloseable {
  static final String TAG = "patchflow/series-1";
  /** The upstream's branch: its first commit is the series' base, its second the series. */
  static final String BRANCH = "main";
  final TestServer server;
  final Path repo;
  final Path upstream;
  final String base;
  final String head;
  final JobSync sync;

  TesterFixture(Database db, Path tmp, List<TestConfig> tests, LeasePolicy leases) throws IOException {
    this(db, tmp, project(tests), leases, JobReports.Listener.NONE);
  }

  /** With the web UI too, and a listener told of every ended job. */
  TesterFixture(Database db, Path tmp, ProjectConfig project, LeasePolicy leases, JobReports.Listener ended)
      throws IOException {
    sync = new JobSync(db, List.of(project), Clock.systemUTC());
    server = new TestServer(db, new TesterApi(db, List.of(project), leases, 4096, Clock.systemUTC(), ended),
        new dev.patchflow.api.v1.NativeApi(db, dev.patchflow.config.Config.DEFAULT, Clock.systemUTC()),
        new dev.patchflow.web.WebUi(db, new dev.patchflow.users.Users(db, Clock.systemUTC()), Clock.systemUTC()));
    Path work = tmp.resolve("upstream");
    upstream = work;
    repo = tmp.resolve("series.git");
    git(tmp, "init", "-q", "--bare", repo.toString());
    git(tmp, "init", "-q", work.toString());
    git(work, "symbolic-ref", "HEAD", "refs/heads/" + BRANCH);
    Files.writeString(work.resolve("a.c"), "int a;\n");
    git(work, "add", ".");
    git(work, "commit", "-q", "-m", "base");
    base = git(work, "rev-parse", "HEAD").strip();
    Files.writeString(work.resolve("b.c"), "int b;\n");
    git(work, "add", ".");
    git(work, "commit", "-q", "-m", "the series");
    head = git(work, "rev-parse", "HEAD").strip();
    git(work, "tag", TAG);
    git(work, "push", "-q", repo.toString(), "refs/tags/" + TAG);
  }

  static ProjectConfig project(List<TestConfig> tests) {
    return new ProjectConfig(TestServer.PROJECT, TestServer.PROJECT, List.of(), List.of(), List.of(), null, tests);
  }

  /** A project whose git tree's base branch is the fixture's upstream (made under tmp). */
  static ProjectConfig projectWithTree(Path tmp, List<TestConfig> tests) {
    return new ProjectConfig(TestServer.PROJECT, TestServer.PROJECT, List.of(), List.of(), List.of(),
        new dev.patchflow.config.GitTreeConfig(tmp.resolve("upstream").toString(), BRANCH,
            tmp.resolve("series.git").toString(), null), tests);
  }


  /** Leaves one complete series (the oldest) and marks it applied; returns its id. */
  long applyOne() {
    server.db.jdbi().useTransaction(h -> h.execute("UPDATE series SET complete = FALSE WHERE id <> "
        + "(SELECT MIN(id) FROM series WHERE complete = TRUE)"));
    return applyAll().get(0);
  }

  /** Imports n more one-patch series into the project. */
  void addSeries(Path tmp, int n) throws IOException {
    StringBuilder mbox = new StringBuilder();
    for (int i = 0; i < n; i++) {
      mbox.append("From dev@example.org Mon Jan  1 00:00:00 2024\n")
          .append("From: Dev <dev@example.org>\nTo: widgets@lists.example.org\n")
          .append("List-Id: <widgets.lists.example.org>\n")
          .append("Subject: [PATCH] widget: fix number ").append(i).append('\n')
          .append("Message-ID: <fix-").append(i).append("@example.org>\n")
          .append("Date: Mon, 1 Jan 2024 00:").append(String.format("%02d", i % 60)).append(":00 +0000\n\n")
          .append("Fix ").append(i).append(".\n\nSigned-off-by: Dev <dev@example.org>\n---\n")
          .append("diff --git a/f").append(i).append(".c b/f").append(i).append(".c\n")
          .append("new file mode 100644\n--- /dev/null\n+++ b/f").append(i).append(".c\n@@ -0,0 +1 @@\n+int f;\n\n");
    }
    Path f = tmp.resolve("more-" + System.nanoTime() + ".mbox");
    Files.writeString(f, mbox.toString());
    new Importer(server.db, new ProjectRouter(List.of(), IntakeConfig.Unmatched.AUTO), 100, Clock.systemUTC())
        .importAll(MailSources.open(List.of(f)), ImportProgress.NONE);
  }

  /** Marks every complete series applied, tagged TAG in the repository, and syncs; returns their ids. */
  List<Long> applyAll() {
    List<Long> applied = server.db.jdbi().inTransaction(h -> {
      List<Long> ids = h.createQuery("SELECT id FROM series WHERE complete = TRUE ORDER BY id").mapTo(Long.class).list();
      String data = dev.patchflow.api.Json.write(Map.of("repo", repo.toString(), "tag", TAG, "base", base));
      for (long id : ids) {
        new ResultRepository().put(h, id, "git", "success", null, data, Instant.now());
      }
      return ids;
    });
    sync.sync();
    return applied;
  }

  TesterClient client(String token) {
    return new TesterClient(server.url(""), token, new TesterClient.Backoff(java.time.Duration.ofMillis(50),
        java.time.Duration.ofMillis(200), 3));
  }

  static String git(Path dir, String... args) {
    List<String> c = new ArrayList<>(List.of("git", "-c", "user.name=T", "-c", "user.email=t@example.org"));
    c.addAll(List.of(args));
    try {
      ProcessBuilder pb = new ProcessBuilder(c).directory(dir.toFile()).redirectErrorStream(true);
      pb.environment().put("GIT_CONFIG_GLOBAL", "/dev/null");
      pb.environment().put("GIT_CONFIG_NOSYSTEM", "1");
      Process p = pb.start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
      assertThat(p.exitValue()).as("%s: %s", c, out).isZero();
      return out;
    } catch (IOException e) {
      throw new AssertionError(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  @Override
  public void close() {
    server.close();
  }
}
