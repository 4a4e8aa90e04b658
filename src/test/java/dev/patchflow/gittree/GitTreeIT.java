package dev.patchflow.gittree;

import static dev.patchflow.testing.Sh.git;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.patchflow.config.ApplierConfig;
import dev.patchflow.config.GitTreeConfig;
import dev.patchflow.config.IntakeConfig;
import dev.patchflow.config.ProjectConfig;
import dev.patchflow.intake.ImportProgress;
import dev.patchflow.intake.Importer;
import dev.patchflow.intake.MailSources;
import dev.patchflow.intake.ProjectRouter;
import dev.patchflow.store.ApplyRepository;
import dev.patchflow.store.Database;
import dev.patchflow.store.ResultRepository;
import dev.patchflow.testing.TestDatabases;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The applier against real repositories served by `git daemon` on 127.0.0.1: series made with
 * `git format-patch` are imported, applied onto the moving base branch (or onto the series they
 * are Based-on), tagged and pushed; a conflict is a failure result with the hunks; nothing is
 * applied twice, a restart resumes, and patches that reach upstream are found merged.
 */
class GitTreeIT {
  private static final String WORKER = "test-worker";
  @TempDir Path tmp;
  private final Clock clock = Clock.systemUTC();

  static List<String> databases() {
    return TestDatabases.kinds();
  }

  @ParameterizedTest
  @MethodSource("databases")
  void seriesAreAppliedPushedAndFoundMerged(String kind) throws Exception {
    Path remotes = Files.createDirectories(tmp.resolve("remotes"));
    git(remotes, "init", "-q", "--bare", "-b", "master", "base.git");
    git(remotes, "init", "-q", "--bare", "-b", "master", "tags.git");
    Path work = tmp.resolve("work");
    git(tmp, "clone", "-q", remotes.resolve("base.git").toString(), "work");
    git(work, "checkout", "-q", "-b", "master");
    Files.writeString(work.resolve("a.c"), lines("a", 10));
    Files.writeString(work.resolve("b.c"), lines("b", 10));
    git(work, "add", ".");
    git(work, "commit", "-q", "-m", "base: first");
    git(work, "push", "-q", "origin", "master");
    String m1 = git(work, "rev-parse", "HEAD").strip();

    // Series A: two patches with a cover letter. C is Based-on A. B changes a line upstream changes too.
    git(work, "checkout", "-q", "-b", "a", m1);
    edit(work, "b.c", "b3", "b3-A", "b: change line 3");
    edit(work, "b.c", "b7", "b7-A", "b: change line 7");
    List<String> a = formatPatch(work, m1 + "..a", "a series", "A-cover@test", null);
    git(work, "checkout", "-q", "-b", "c", "a");
    edit(work, "b.c", "b3-A", "b3-C", "b: line 3 once more");
    List<String> c = formatPatch(work, "a..c", "c series", "C-cover@test", "Based-on: <A-cover@test>");
    git(work, "checkout", "-q", "-b", "b", m1);
    edit(work, "a.c", "a5", "a5-B", "a: change line 5");
    List<String> b = formatPatch(work, m1 + "..b", null, null, null);
    git(work, "checkout", "-q", "master");
    edit(work, "a.c", "a5", "a5-upstream", "a: upstream changes line 5");
    git(work, "push", "-q", "origin", "master");
    String m2 = git(work, "rev-parse", "HEAD").strip();

    List<String> all = new ArrayList<>(a);
    all.addAll(b);
    all.addAll(c);
    try (GitDaemon daemon = GitDaemon.start(remotes); Database db = TestDatabases.open(kind, tmp.resolve("home"))) {
      ProjectConfig project = new ProjectConfig("widgets", "widgets.example.org", List.of(), List.of(), List.of(),
          new GitTreeConfig(daemon.url("base.git"), "master", daemon.url("tags.git"), "https://git.example.org/?h={tag}"));
      importMail(db, project, tmp.resolve("all.mbox"), all);

      Applier applier = applier(db, project);
      Applier.Pass pass = applier.runOnce();
      assertThat(pass.queued()).isEqualTo(3);
      assertThat(pass.applied()).isEqualTo(2);
      assertThat(pass.failed()).isEqualTo(1);

      // A: onto the base's head as it is now (m2), its two patches, tag pushed.
      String tagA = TagName.of("A-cover@test");
      Path tags = remotes.resolve("tags.git");
      assertThat(git(tags, "ls-remote", ".", "refs/tags/*")).contains("refs/tags/" + tagA);
      assertThat(git(tags, "log", "--format=%s", m2 + ".." + tagA).lines()).containsExactly("b: change line 7",
          "b: change line 3");
      assertThat(git(tags, "rev-parse", tagA + "~2").strip()).isEqualTo(m2);
      // C: onto A's tag, not onto the base.
      String tagC = TagName.of("C-cover@test");
      assertThat(git(tags, "rev-parse", tagC + "~1").strip()).isEqualTo(git(tags, "rev-parse", tagA).strip());
      assertThat(git(tags, "show", tagC + ":b.c")).contains("b3-C");

      long seriesA = seriesOf(db, "A-cover@test");
      long seriesB = seriesOf(db, messageIds(b).get(0));
      Map<Long, List<ResultRepository.Result>> results = db.jdbi().withHandle(h ->
          new ResultRepository().forSeries(h, List.of(seriesA, seriesB)));
      JsonNode okData = new ObjectMapper().readTree(results.get(seriesA).get(0).data());
      assertThat(results.get(seriesA).get(0).status()).isEqualTo("success");
      assertThat(okData.get("tag").asText()).isEqualTo(tagA);
      assertThat(okData.get("base").asText()).isEqualTo(m2);
      assertThat(okData.get("url").asText()).isEqualTo("https://git.example.org/?h=" + tagA);
      JsonNode failData = new ObjectMapper().readTree(results.get(seriesB).get(0).data());
      assertThat(results.get(seriesB).get(0).status()).isEqualTo("failure");
      assertThat(failData.get("failed_patch").asInt()).isEqualTo(1);
      assertThat(failData.get("paths").get(0).asText()).isEqualTo("a.c");
      ApplyRepository.Job failed = db.jdbi().withHandle(h -> new ApplyRepository().get(h, seriesB)).orElseThrow();
      assertThat(failed.summary()).contains("a: change line 5").contains("conflicts in a.c");
      assertThat(failed.detail()).contains("<<<<<<<").contains("a5-upstream").contains("a5-B");
      assertThat(git(tags, "ls-remote", ".", "refs/tags/*")).doesNotContain(TagName.of(messageIds(b).get(0)));

      // The series pages show it, and the search knows it.
      dev.patchflow.users.Users users = new dev.patchflow.users.Users(db, clock);
      try (dev.patchflow.api.ApiServer server = new dev.patchflow.api.ApiServer(db, users, clock,
          new dev.patchflow.web.WebUi(db, users, clock)).start("127.0.0.1", 0)) {
        java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
        java.util.function.Function<String, String> get = path -> {
          try {
            return http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:" + server.port()
                + path)).build(), java.net.http.HttpResponse.BodyHandlers.ofString()).body();
          } catch (IOException | InterruptedException e) {
            throw new AssertionError(e);
          }
        };
        assertThat(get.apply("/series/" + seriesA + "/")).contains("Applied onto <code>" + m2.substring(0, 12))
            .contains("href=\"https://git.example.org/?h=" + tagA + "\"").contains("applied</span>");
        assertThat(get.apply("/series/" + seriesB + "/")).contains("Not applied: patch 1 (a: change line 5)")
            .contains("&lt;&lt;&lt;&lt;&lt;&lt;&lt;").contains("a5-upstream");
        assertThat(get.apply("/search?q=is:applied")).contains("a series").contains("c series")
            .doesNotContain("a: change line 5");
      }

      // Nothing twice.
      Applier.Pass again = applier.runOnce();
      assertThat(again).isEqualTo(new Applier.Pass(0, 0, 0, 0));

      // A series claimed by a run that died is applied after the restart.
      git(work, "checkout", "-q", "-b", "d", m1);
      edit(work, "b.c", "b9", "b9-D", "b: change line 9");
      importMail(db, project, tmp.resolve("d.mbox"), formatPatch(work, m1 + "..d", null, null, null));
      db.jdbi().useTransaction(h -> {
        ApplyRepository q = new ApplyRepository();
        // Series sent before the cut-off (max_age_days) are not taken on.
        assertThat(q.enqueueComplete(h, List.of(projectId(h)), clock.instant().plus(java.time.Duration.ofDays(1)),
            clock.instant())).isZero();
        assertThat(q.enqueueComplete(h, List.of(projectId(h)), clock.instant().minus(java.time.Duration.ofDays(1)),
            clock.instant())).isEqualTo(1);
        assertThat(q.claim(h, WORKER, List.of(projectId(h) + 1000), clock.instant())).isEmpty();
        assertThat(q.claim(h, WORKER, List.of(projectId(h)), clock.instant())).isPresent();
      });
      assertThat(applier(db, project).runOnce().applied()).isEqualTo(1);
      long running = db.jdbi().withHandle(h -> new ApplyRepository().count(h, "running"));
      assertThat(running).isZero();

      // Upstream takes A's first patch with a Link: trailer, and its second as a plain cherry-pick.
      git(work, "checkout", "-q", "master");
      git(work, "cherry-pick", "a~1");
      String link = "Link: https://lore.kernel.org/r/" + messageIds(a).get(1);
      git(work, "commit", "-q", "--amend", "-m", "b: change line 3\n\n" + link);
      git(work, "cherry-pick", "a");
      git(work, "push", "-q", "origin", "master");
      List<String> upstream = git(work, "log", "--format=%H", "-n", "2").lines().toList();
      int merged = applier.scanMerges(new MergeDetector(db, clock, 100));
      assertThat(merged).isEqualTo(2);
      for (int i = 1; i <= 2; i++) {
        String msgid = messageIds(a).get(i);
        Map<String, Object> row = db.jdbi().withHandle(h -> h.createQuery("SELECT mp.state_id, mp.commit_ref FROM "
            + "message_project mp JOIN message m ON m.id = mp.message_id WHERE m.msgid = :m").bind("m", msgid).mapToMap().one());
        assertThat(((Number) row.get("state_id")).intValue()).isEqualTo(3);
        assertThat(row.get("commit_ref")).isEqualTo(upstream.get(2 - i));
      }
      assertThat(applier.scanMerges(new MergeDetector(db, clock, 100))).isZero();
    }
  }

  private Applier applier(Database db, ProjectConfig project) {
    return new Applier(db, List.of(project), tmp.resolve("home").resolve("git"), new ApplierConfig(2, null, null, null),
        WORKER, clock);
  }

  private void importMail(Database db, ProjectConfig project, Path mbox, List<String> mails) throws IOException {
    Files.writeString(mbox, String.join("", mails));
    new Importer(db, new ProjectRouter(List.of(project), IntakeConfig.Unmatched.AUTO), 100, clock)
        .importAll(MailSources.open(List.of(mbox)), ImportProgress.NONE);
  }

  private static long projectId(org.jdbi.v3.core.Handle h) {
    return h.createQuery("SELECT id FROM project WHERE name = 'widgets'").mapTo(Long.class).one();
  }

  private static long seriesOf(Database db, String msgid) {
    return db.jdbi().withHandle(h -> h.createQuery("SELECT sm.series_id FROM series_member sm JOIN message m "
        + "ON m.id = sm.message_id WHERE m.msgid = :m").bind("m", msgid).mapTo(Long.class).one());
  }

  private static String lines(String prefix, int n) {
    StringBuilder b = new StringBuilder();
    for (int i = 1; i <= n; i++) {
      b.append(prefix).append(i).append('\n');
    }
    return b.toString();
  }

  private static void edit(Path work, String file, String from, String to, String subject) throws IOException {
    Path f = work.resolve(file);
    Files.writeString(f, Files.readString(f).replace(from + "\n", to + "\n"));
    git(work, "commit", "-q", "-a", "-m", subject);
  }

  /**
   * The mails of a range as git format-patch writes them (threaded, with a List-Id), the cover
   * letter given a subject, a Message-ID of our own (git's own is made of the time, so two covers
   * in one second would clash) and a body line.
   */
  private static List<String> formatPatch(Path work, String range, String coverSubject, String coverId, String coverLine)
      throws IOException {
    Path out = Files.createTempDirectory(work.getParent(), "fp");
    List<String> args = new ArrayList<>(List.of("format-patch", "-q", "--thread", "-o", out.toString(),
        "--add-header=List-Id: <widgets.example.org>"));
    if (coverSubject != null) {
      args.add("--cover-letter");
    }
    args.add(range);
    git(work, args.toArray(new String[0]));
    List<Path> files;
    try (Stream<Path> s = Files.list(out)) {
      files = s.sorted().toList();
    }
    List<String> mails = new ArrayList<>();
    for (Path f : files) {
      mails.add(Files.readString(f, StandardCharsets.UTF_8));
    }
    if (coverSubject != null) {
      String oldId = messageIds(mails).get(0);
      for (int i = 0; i < mails.size(); i++) {
        mails.set(i, mails.get(i).replace(oldId, coverId));
      }
      mails.set(0, mails.get(0).replace("*** SUBJECT HERE ***", coverSubject)
          .replace("*** BLURB HERE ***", coverLine == null ? "A series." : coverLine));
    }
    return mails;
  }

  /** The Message-IDs of mails, in order. */
  static List<String> messageIds(List<String> mails) {
    return mails.stream().map(m -> m.lines().filter(l -> l.regionMatches(true, 0, "Message-Id: <", 0, 13)).findFirst()
        .orElseThrow().replaceFirst("(?i)^Message-Id: <", "").replaceFirst(">$", "")).toList();
  }

  /** `git daemon` serving a directory of bare repositories, pushes allowed. */
  private record GitDaemon(Process process, int port) implements AutoCloseable {
    static GitDaemon start(Path base) throws IOException, InterruptedException {
      int port;
      try (ServerSocket s = new ServerSocket(0)) {
        port = s.getLocalPort();
      }
      Process p = new ProcessBuilder("git", "daemon", "--reuseaddr", "--listen=127.0.0.1", "--port=" + port,
          "--base-path=" + base, "--export-all", "--enable=receive-pack", base.toString())
          .redirectErrorStream(true).redirectOutput(base.resolveSibling("daemon.log").toFile()).start();
      for (int i = 0; i < 100; i++) {
        try (Socket s = new Socket("127.0.0.1", port)) {
          return new GitDaemon(p, port);
        } catch (IOException notYet) {
          Thread.sleep(100);
        }
      }
      p.destroyForcibly();
      throw new IllegalStateException("git daemon did not start: " + Files.readString(base.resolveSibling("daemon.log")));
    }

    String url(String repo) {
      return "git://127.0.0.1:" + port + "/" + repo;
    }

    @Override
    public void close() {
      process.destroy();
    }
  }
}
