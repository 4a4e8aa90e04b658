package dev.patchflow.bench;

import dev.patchflow.api.ApiServer;
import dev.patchflow.config.DatabaseConfig;
import dev.patchflow.config.IntakeConfig;
import dev.patchflow.forge.FakeGitHub;
import dev.patchflow.intake.ImportProgress;
import dev.patchflow.intake.ImportSummary;
import dev.patchflow.intake.Importer;
import dev.patchflow.intake.MailSources;
import dev.patchflow.intake.ProjectRouter;
import dev.patchflow.store.Database;
import dev.patchflow.users.Role;
import dev.patchflow.users.Users;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Everything the CI bridge talks to, in one scratch directory: Patchflow's server (in this JVM)
 * holding {@code series} series of 1-3 real format-patch patches as list mail, a small upstream
 * repository they apply to, a CI-files repository, the fake GitHub with the target repository,
 * a bot token and a workflow, and the {@code ci:} config a site would write for them.
 */
final class CiWorld implements AutoCloseable {
  static final String PROJECT = "ci.bench.lists.example.org";
  static final String REPO = "bench-org/units";
  static final String TOKEN = "ghp_bench_bot_token";
  private static final Map<String, String> IDENT = Map.of("GIT_AUTHOR_NAME", "Bench Upstream", "GIT_AUTHOR_EMAIL",
      "upstream@example.org", "GIT_COMMITTER_NAME", "Bench Upstream", "GIT_COMMITTER_EMAIL", "upstream@example.org");

  final Path dir;
  final Database db;
  final ApiServer server;
  final FakeGitHub github;
  final String maintainerToken;
  /** Requests the server answered since the last {@link #takeServerLog}: method, path?query, status. */
  private final List<String> serverLog;
  private final Path upstream;
  private final Path ci;
  private final int patches;

  private CiWorld(Path dir, Database db, ApiServer server, List<String> serverLog, FakeGitHub github,
      String maintainerToken, Path upstream, Path ci, int patches) {
    this.dir = dir;
    this.db = db;
    this.server = server;
    this.serverLog = serverLog;
    this.github = github;
    this.maintainerToken = maintainerToken;
    this.upstream = upstream;
    this.ci = ci;
    this.patches = patches;
  }

  /** Builds the repositories and the mail, imports it, starts the server and the fake. */
  static CiWorld create(Path dir, int series) throws IOException {
    Path upstream = dir.resolve("upstream");
    Files.createDirectories(upstream);
    Git up = Git.init(upstream);
    Files.createDirectories(upstream.resolve("src"));
    for (int i = 0; i < series; i++) {
      Files.writeString(upstream.resolve(unitFile(i)), "int " + unit(i) + "_value;\n");
    }
    Files.writeString(upstream.resolve("README"), "Units, one file each\n");
    up.run(Map.of(), "add", ".");
    up.run(IDENT, "commit", "-q", "-m", "Initial import");

    Path ci = dir.resolve("ci");
    Files.createDirectories(ci.resolve(".github/workflows"));
    Git ciGit = Git.init(ci);
    Files.writeString(ci.resolve(".github/workflows/ci.yml"), "on: pull_request\njobs: {build: {}, test: {}}\n");
    ciGit.run(Map.of(), "add", ".");
    ciGit.run(IDENT, "commit", "-q", "-m", "CI files");

    Path mbox = dir.resolve("series.mbox");
    int patches = writeSeries(upstream, dir.resolve("dev"), series, mbox);

    Clock clock = Clock.systemUTC();
    Database db = Database.open(DatabaseConfig.EMBEDDED, dir.resolve("home"));
    ApiServer server = null;
    FakeGitHub github = null;
    try {
      ImportSummary s = new Importer(db, new ProjectRouter(List.of(), IntakeConfig.Unmatched.AUTO), 500, clock)
          .importAll(MailSources.open(List.of(mbox)), ImportProgress.NONE);
      System.err.println("bench: ci: imported " + s.describe());
      Users users = new Users(db, clock);
      users.add("maint", "maint@example.org", null);
      users.grant("maint", Role.MAINTAINER, PROJECT);
      String token = users.newToken("maint");
      List<String> log = Collections.synchronizedList(new ArrayList<>());
      // Every request the server answers, with its final status (304s included): the bridge's
      // Patchwork side as the server saw it, for telling what an idle pass asked.
      server = new ApiServer(db, users, clock, (app, cache) -> app.after(ctx -> log.add(ctx.method().name() + " "
          + ctx.path() + (ctx.queryString() == null ? "" : "?" + ctx.queryString()) + " " + ctx.statusCode())))
          .start("127.0.0.1", 0);
      github = new FakeGitHub(clock);
      github.createRepo("bench-org", "units");
      github.addToken(TOKEN, "units-bot");
      github.actions.onPullRequest("CI", "build", "test");
      return new CiWorld(dir, db, server, log, github, token, upstream, ci, patches);
    } catch (IOException | RuntimeException e) {
      if (github != null) {
        github.close();
      }
      if (server != null) {
        server.close();
      }
      db.close();
      throw e;
    }
  }

  /** The server-side requests since the last call, and starts a new list. */
  List<String> takeServerLog() {
    synchronized (serverLog) {
      List<String> out = List.copyOf(serverLog);
      serverLog.clear();
      return out;
    }
  }

  int patches() {
    return patches;
  }

  /** The config a site would write, as patchflow.yaml's ci: section. */
  Path config() throws IOException {
    Path file = dir.resolve("patchflow.yaml");
    Files.writeString(file, String.join("\n",
        "ci:",
        "  patchwork:",
        "    server: http://127.0.0.1:" + server.port() + "/api/1.3",
        "    project: " + PROJECT,
        "    lookback: 7",
        "    api_username: maint",
        "    api_token: " + maintainerToken,
        "  tag_to_branch_mapping:",
        "    __DEFAULT__: [units]",
        "  branches:",
        "    units:",
        "      repo: https://github.com/" + REPO,
        "      git_url: " + github.repo(REPO).url(),
        "      upstream: " + upstream,
        "      upstream_branch: main",
        "      ci_repo: " + ci,
        "      ci_branch: main",
        "      github_oauth_token: " + TOKEN,
        "  base_directory: " + dir.resolve("work"),
        "  labels: {merge-conflict: e85506}",
        "  github: {api_url: " + github.uri() + "}",
        ""));
    return file;
  }

  /**
   * Series i changes only src/unit-i.c, in 1-3 commits, so every series applies on upstream
   * whatever the others do; each is formatted as a developer sends it (no cover letter, the
   * patches threaded under the first, whose subject names the series). Returns the patches.
   */
  private static int writeSeries(Path upstream, Path work, int series, Path mbox) throws IOException {
    new Git(upstream.getParent()).run(Map.of(), "clone", "-q", upstream.toString(), work.toString());
    Git git = new Git(work);
    int patches = 0;
    StringBuilder all = new StringBuilder();
    for (int i = 0; i < series; i++) {
      int n = 1 + i % 3;
      String who = "Dev " + (i % 7);
      Map<String, String> ident = Map.of("GIT_AUTHOR_NAME", who, "GIT_AUTHOR_EMAIL", "dev" + (i % 7) + "@example.org",
          "GIT_COMMITTER_NAME", who, "GIT_COMMITTER_EMAIL", "dev" + (i % 7) + "@example.org");
      git.run(Map.of(), "checkout", "-q", "--detach", "main");
      StringBuilder content = new StringBuilder("int " + unit(i) + "_value;\n");
      for (int k = 1; k <= n; k++) {
        content.append("int ").append(unit(i)).append("_step_").append(k).append(";\n");
        Files.writeString(work.resolve(unitFile(i)), content);
        String subject = k == 1 ? unit(i).replace('_', ' ') + ": count the steps" : unit(i).replace('_', ' ')
            + ": step " + k;
        git.run(ident, "commit", "-q", "-a", "-m", subject);
      }
      all.append(git.run(ident, "format-patch", "--stdout", "--thread=shallow", "--subject-prefix=PATCH",
          "--add-header=List-Id: <" + PROJECT + ">", "--to=units@lists.example.org", "-" + n));
      patches += n;
    }
    Files.writeString(mbox, all);
    return patches;
  }

  private static String unit(int i) {
    return String.format(Locale.ROOT, "unit_%03d", i);
  }

  private static String unitFile(int i) {
    return String.format(Locale.ROOT, "src/unit-%03d.c", i);
  }

  @Override
  public void close() {
    github.close();
    server.close();
    db.close();
  }
}
