package dev.patchflow.ci;

import dev.patchflow.ci.config.CiConfig;
import dev.patchflow.ci.config.CiConfigFiles;
import dev.patchflow.config.DatabaseConfig;
import dev.patchflow.config.IntakeConfig;
import dev.patchflow.forge.FakeGitHub;
import dev.patchflow.forge.RecordingSleeper;
import dev.patchflow.forge.TestClock;
import dev.patchflow.intake.ImportProgress;
import dev.patchflow.intake.Importer;
import dev.patchflow.intake.MailSources;
import dev.patchflow.intake.ProjectRouter;
import dev.patchflow.store.Database;
import dev.patchflow.testing.Sh;
import dev.patchflow.testing.TestServer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;

/**
 * The whole bridge for tests: Patchflow's own server holding the demo widgets traffic, a fake
 * GitHub with the target repository, real upstream and CI repositories, and a config file that
 * ties them together the way a site would write it.
 */
final class BridgeFixture implements AutoCloseable {
  static final String REPO = "kernel-patches/widgets";
  final Path dir;
  final TestServer server;
  final FakeGitHub github;
  final Path upstream;
  final Path ci;
  final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  final CiMetrics metrics = new CiMetrics(registry);
  final RecordingSleeper sleeper;
  final TestClock clock;

  BridgeFixture(Path dir) throws Exception {
    this.dir = dir;
    server = new TestServer(Database.open(DatabaseConfig.EMBEDDED, dir.resolve("home")));
    clock = new TestClock(Instant.now());
    sleeper = new RecordingSleeper(clock);
    github = new FakeGitHub(clock);
    github.createRepo("kernel-patches", "widgets");
    github.addToken("ghp_widgets_bot_token", "widgets-bot");
    github.actions.onPullRequest("CI", "build", "test");
    // the demo series were written against this tree (demo/make-demo-mbox.sh)
    upstream = dir.resolve("upstream");
    Sh.git(dir, "init", "-q", "-b", "main", upstream.toString());
    Files.writeString(upstream.resolve("widget.c"), "int widget_count;\n");
    Files.writeString(upstream.resolve("README"), "Widgets\n");
    Sh.git(upstream, "add", ".");
    Sh.git(upstream, "commit", "-qm", "Initial import");
    ci = dir.resolve("ci");
    Sh.git(dir, "init", "-q", "-b", "main", ci.toString());
    Files.createDirectories(ci.resolve(".github/workflows"));
    Files.writeString(ci.resolve(".github/workflows/ci.yml"), "on: pull_request\njobs: {build: {}, test: {}}\n");
    Sh.git(ci, "add", ".");
    Sh.git(ci, "commit", "-qm", "CI files");
  }

  /** The config a site would write: the demo project, everything since 2026 looked at. */
  Path config(String auth) throws Exception {
    return config(auth, "");
  }

  /** The same with {@code extra} lines added to the {@code ci:} section (indented by two spaces). */
  Path config(String auth, String extra) throws Exception {
    Path file = dir.resolve("patchflow.yaml");
    long days = java.time.Duration.between(Instant.parse("2026-01-01T00:00:00Z"), clock.instant()).toDays() + 2;
    Files.writeString(file, String.join("\n",
        "ci:",
        "  patchwork:",
        "    server: " + server.url("/api/1.3"),
        "    project: " + TestServer.PROJECT,
        "    lookback: " + days,
        "    api_username: maint",
        "    api_token: " + server.maintainerToken,
        "  tag_to_branch_mapping:",
        "    __DEFAULT__: [widgets]",
        "  branches:",
        "    widgets:",
        "      repo: https://github.com/" + REPO,
        "      git_url: " + github.repo(REPO).url(),
        "      upstream: " + upstream,
        "      upstream_branch: main",
        "      ci_repo: " + ci,
        "      ci_branch: main",
        "      " + auth,
        "  base_directory: " + dir.resolve("work"),
        "  labels: {merge-conflict: e85506, V2: c2e0c6}",
        "  github: {api_url: " + github.uri() + "}",
        extra,
        ""));
    return file;
  }

  CiConfig load(String auth) throws Exception {
    return load(auth, "");
  }

  CiConfig load(String auth, String extra) throws Exception {
    return CiConfigFiles.load(config(auth, extra), null, System::getenv);
  }

  CiBridge bridge(CiConfig config) throws Exception {
    return new CiBridge(config, metrics, clock, new CiBridge.Options(sleeper));
  }

  /** Imports list mail into the server, as an importer would. */
  void mail(String mbox) throws Exception {
    Path f = Files.createTempFile(dir, "mail", ".mbox");
    Files.writeString(f, mbox);
    new Importer(server.db, new ProjectRouter(List.of(), IntakeConfig.Unmatched.AUTO), 100, Clock.systemUTC())
        .importAll(MailSources.open(List.of(f)), ImportProgress.NONE);
  }

  /**
   * A series as a developer posts it: commits made in a clone of upstream, sent with
   * format-patch to the demo list. {@code files} pairs a path with its new content.
   */
  String series(String prefix, int version, List<String[]> commits) {
    Path w = dir.resolve("dev-" + System.nanoTime());
    Sh.git(dir, "clone", "-q", upstream.toString(), w.toString());
    for (String[] c : commits) {
      try {
        Files.writeString(w.resolve(c[0]), c[1]);
      } catch (java.io.IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
      Sh.git(w, "commit", "-qam", c[2]);
    }
    List<String> args = new java.util.ArrayList<>(List.of("format-patch", "--stdout", "--thread=shallow",
        "--subject-prefix=" + prefix, "--add-header=List-Id: <" + TestServer.PROJECT + ">",
        "--to=widgets@lists.example.org"));
    if (version > 1) {
      args.add("-v" + version);
    }
    args.add("-" + commits.size());
    return Sh.git(w, args.toArray(new String[0]));
  }

  @Override
  public void close() {
    github.close();
    server.close();
  }
}
