package dev.patchflow.ci;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.patchflow.api.Json;
import dev.patchflow.forge.CannedReply;
import dev.patchflow.forge.FakeActions;
import dev.patchflow.forge.TestKeys;
import dev.patchflow.forge.GitHubAuth;
import dev.patchflow.forge.GitHubClient;
import dev.patchflow.forge.GitHubRepo;
import dev.patchflow.forge.PullRequest;
import dev.patchflow.forge.RepoRef;
import dev.patchflow.config.Secret;
import dev.patchflow.testing.TestServer;
import dev.patchflow.testing.Tools;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The bridge end to end: list mail in Patchflow's server, pull requests on a fake GitHub backed
 * by real git, workflow runs completed by the test, checks read back through Patchwork's API and
 * through git-pw.
 */
class CiBridgeIT {
  static final String TOKEN = "github_oauth_token: ghp_widgets_bot_token";
  @TempDir
  Path tmp;

  @Test
  void seriesBecomePullRequestsAndWorkflowResultsBecomeChecks() throws Exception {
    try (BridgeFixture f = new BridgeFixture(tmp)) {
      CiBridge bridge = f.bridge(f.load(TOKEN));
      CiCycle.Report first = bridge.pass(false);
      assertThat(first.errors()).isZero();
      // the demo holds "widget limits" v1 and v2 and a lone README fix: v1 is superseded
      List<PullRequest> prs = gh(f).pulls().listOpen();
      assertThat(prs).extracting(PullRequest::title)
          .containsExactlyInAnyOrder("widget limits", "README: say what widgets are");
      PullRequest limits = prs.stream().filter(p -> p.title().equals("widget limits")).findFirst().orElseThrow();
      long v2 = seriesId(f, "widget limits", 2);
      assertThat(limits.headRef()).isEqualTo("series/" + v2 + "=>widgets");
      assertThat(limits.baseRef()).isEqualTo("widgets_base");
      assertThat(limits.body()).contains("version: 2", "subject: widget limits");
      assertThat(limits.labels()).extracting(l -> l.name()).contains("V2", "new", "widgets");
      assertThat(gh(f).labels().list()).anyMatch(l -> l.name().equals("merge-conflict") && l.color().equals("e85506"));
      assertThat(gh(f).comments().list(limits.number())).anyMatch(c -> c.body().contains("Applied on upstream main"));

      // every patch of v2 says the PR is pending
      List<Long> patches = patchIds(f, v2);
      assertThat(patches).hasSize(3);
      for (long p : patches) {
        assertThat(check(f, p, "widgets-PR")).isEqualTo("pending");
      }

      // GitHub ran the workflow on the PR's head; the test finishes it
      f.github.actions.syncWorkflows();
      List<FakeActions.Run> runs = f.github.actions.runsFor(limits.headSha());
      assertThat(runs).hasSize(1);
      f.github.actions.completeRun(runs.get(0).id(), "success");
      CiCycle.Report second = bridge.pass(false);
      assertThat(second.checks()).isPositive();
      for (long p : patches) {
        assertThat(check(f, p, "widgets-PR")).isEqualTo("success");
        assertThat(check(f, p, "widgets_build")).isEqualTo("success");
        assertThat(check(f, p, "widgets_test")).isEqualTo("success");
      }
      // the patch's combined check, which Patchwork clients show, is the result; Debian's git-pw
      // (2.0) prints no checks, so it is asked for the patch and the API for its combined state
      JsonNode detail = Json.read(f.server.get("/api/1.3/patches/" + patches.get(0) + "/", null).body());
      assertThat(detail.get("check").asText()).isEqualTo("success");
      Tools.require("git-pw");
      String shown = gitPw(f, "patch", "show", Long.toString(patches.get(0)));
      assertThat(shown).contains("widget: add a limit", v2 + "    widget limits");

      // nothing changed: a pass costs a few conditional requests and posts nothing
      CiCycle.Report idle = bridge.pass(false);
      assertThat(idle.checks()).isZero();
      assertThat(f.metrics.cycleRequests()).isLessThanOrEqualTo(3);

      // a restart loses the bridge's memory but opens no second pull request
      CiBridge restarted = f.bridge(f.load(TOKEN));
      assertThat(restarted.pass(false).errors()).isZero();
      assertThat(allPulls(f)).hasSize(2);
    }
  }

  @Test
  void aNewVersionClosesThePullRequestOfTheOldOne() throws Exception {
    try (BridgeFixture f = new BridgeFixture(tmp)) {
      CiBridge bridge = f.bridge(f.load(TOKEN));
      bridge.pass(false);
      PullRequest v2 = gh(f).pulls().listOpen().stream().filter(p -> p.title().equals("widget limits")).findFirst()
          .orElseThrow();
      f.mail(f.series("PATCH widgets", 3, List.<String[]>of(
          new String[] {"widget.c", "int widget_count;\nint widget_limit = 24;\n", "widget limits"})));
      CiCycle.Report r = bridge.pass(false);
      assertThat(r.closed()).isEqualTo(1);
      List<PullRequest> open = gh(f).pulls().listOpen();
      assertThat(open).extracting(PullRequest::number).doesNotContain(v2.number());
      PullRequest v3 = open.stream().filter(p -> p.title().equals("widget limits")).findFirst().orElseThrow();
      assertThat(v3.labels()).extracting(l -> l.name()).contains("V3");
      assertThat(gh(f).comments().list(v2.number())).anyMatch(c -> c.body().contains("version 3 of this series"));

      // the old version's branch stays for a while after its pull request closed, then goes
      assertThat(f.github.repo(BridgeFixture.REPO).branches("series/")).containsKey(v2.headRef());
      f.clock.advance(java.time.Duration.ofDays(2).plusHours(1));
      bridge.pass(false);
      assertThat(f.github.repo(BridgeFixture.REPO).branches("series/")).doesNotContainKey(v2.headRef())
          .containsKey(v3.headRef());
    }
  }

  @Test
  void aPullRequestWhoseSeriesStopsApplyingIsLabelledAndToldOnce() throws Exception {
    try (BridgeFixture f = new BridgeFixture(tmp)) {
      CiBridge bridge = f.bridge(f.load(TOKEN));
      bridge.pass(false);
      PullRequest fix = gh(f).pulls().listOpen().stream().filter(p -> p.title().startsWith("README")).findFirst()
          .orElseThrow();
      // upstream rewrites the README the fix changes
      java.nio.file.Files.writeString(f.upstream.resolve("README"), "Widgets, and more widgets\n");
      dev.patchflow.testing.Sh.git(f.upstream, "commit", "-qam", "README: more widgets");
      f.clock.advance(CiCycle.BASE_REFRESH.plusMinutes(1));
      CiCycle.Report r = bridge.pass(false);
      assertThat(r.conflicts()).as("both series change the README").isEqualTo(2);
      PullRequest now = gh(f).pulls().get(fix.number());
      assertThat(now.hasLabel("merge-conflict")).isTrue();
      assertThat(gh(f).comments().list(fix.number())).filteredOn(c -> c.body().contains("does not apply")).hasSize(1)
          .allMatch(c -> c.body().contains("README"));
      long series = CyclePlanner.SeriesHead.parse(fix.headRef()).seriesId();
      for (long p : patchIds(f, series)) {
        assertThat(check(f, p, "widgets_PR")).isEqualTo("fail");
      }
      f.clock.advance(CiCycle.BASE_REFRESH.plusMinutes(1));
      bridge.pass(false);
      assertThat(gh(f).comments().list(fix.number())).filteredOn(c -> c.body().contains("does not apply")).hasSize(1);
    }
  }

  @Test
  void aSeriesThatDoesNotApplyGetsAFailedCheckAndNoPullRequest() throws Exception {
    try (BridgeFixture f = new BridgeFixture(tmp)) {
      String mbox = f.series("PATCH widgets", 1, List.of(
          new String[] {"README", "Gadgets\n", "README: gadgets"},
          new String[] {"README", "Gadgets, many\n", "README: many gadgets"}));
      // the first patch is dropped from the mail: the second's preimage is not in upstream
      int second = mbox.indexOf("\nFrom ", 1);
      f.mail(mbox.substring(second + 1));
      CiBridge bridge = f.bridge(f.load(TOKEN));
      CiCycle.Report r = bridge.pass(false);
      assertThat(r.conflicts()).isEqualTo(1);
      assertThat(gh(f).pulls().listOpen()).extracting(PullRequest::title).doesNotContain("README: many gadgets");
      long id = seriesId(f, "README: many gadgets", 1);
      for (long p : patchIds(f, id)) {
        assertThat(check(f, p, "widgets_PR")).isEqualTo("fail");
      }
    }
  }

  @Test
  void aGitHubAppOpensThePullRequestsAsItsBot() throws Exception {
    try (BridgeFixture f = new BridgeFixture(tmp)) {
      java.security.KeyPair keys = TestKeys.generate();
      f.github.installApp(4242, "widgets-ci", (java.security.interfaces.RSAPublicKey) keys.getPublic(), 77,
          java.time.Duration.ofMinutes(10));
      Path pem = tmp.resolve("app.pem");
      java.nio.file.Files.writeString(pem, TestKeys.pkcs1Pem(keys));
      CiBridge bridge = f.bridge(f.load(
          "github_app_auth: {app_id: 4242, installation_id: 77, private_key_path: " + pem + "}"));
      assertThat(bridge.pass(false).errors()).isZero();
      assertThat(gh(f).pulls().listOpen()).hasSize(2).allMatch(pr -> pr.userLogin().equals("widgets-ci[bot]"));
      // the installation token, not the key, went to GitHub
      assertThat(f.github.requests()).anyMatch(r -> r.path().equals("/app/installations/77/access_tokens"));
      assertThat(f.github.requests()).allMatch(r -> r.body() == null || !r.body().contains("PRIVATE KEY"));
    }
  }

  @Test
  void aRateLimitedBridgeWaitsAndAnOutageNeverMakesASecondPullRequest() throws Exception {
    try (BridgeFixture f = new BridgeFixture(tmp)) {
      CiBridge bridge = f.bridge(f.load(TOKEN));
      long reset = f.clock.instant().getEpochSecond() + 90;
      f.github.enqueueFor("GET", "/pulls", CannedReply.rateLimited(reset));
      // GitHub makes the first pull request, then the proxy in front of it fails
      f.github.enqueueFor("POST", "/pulls", CannedReply.status(502).servedAfterHandling());
      CiCycle.Report first = bridge.pass(false);
      assertThat(f.sleeper.waits).as("waited for the rate limit to reset").isNotEmpty();
      assertThat(f.sleeper.waits.get(0)).isBetween(java.time.Duration.ofSeconds(80), java.time.Duration.ofSeconds(100));
      assertThat(first.errors()).isZero();
      assertThat(bridge.pass(false).errors()).isZero();
      assertThat(allPulls(f)).hasSize(2);
      assertThat(f.registry.get("patchflow.ci.pull_requests").tag("action", "created").counter().count()).isEqualTo(2);
    }
  }

  @Test
  void aDryRunSaysWhatItWouldDoAndDoesNothing() throws Exception {
    try (BridgeFixture f = new BridgeFixture(tmp)) {
      java.io.StringWriter out = new java.io.StringWriter();
      int code = dev.patchflow.cli.CliAccess.run(new java.io.PrintWriter(out), new java.io.PrintWriter(out),
          "ci", "--config", f.config(TOKEN).toString(), "--dry-run");
      assertThat(code).as(out.toString()).isZero();
      assertThat(out.toString()).contains("would test series", "\"widget limits\" on widgets", "dry run: 2 series to test");
      assertThat(allPulls(f)).isEmpty();
      assertThat(gh(f).labels().list()).noneMatch(l -> l.name().equals("merge-conflict"));
      assertThat(f.github.repo(BridgeFixture.REPO).branches("")).doesNotContainKey("widgets_base");
    }
  }

  @Test
  void aSignedWorkflowWebhookWakesTheBridgeAndAnUnsignedOneIsRefused() throws Exception {
    int[] woken = {0};
    CiWebhook hook = new CiWebhook("s3cret", () -> woken[0]++);
    io.javalin.Javalin app = io.javalin.Javalin.create(c -> c.showJavalinBanner = false);
    hook.register(app);
    app.start("127.0.0.1", 0);
    try {
      byte[] body = "{\"action\":\"completed\",\"workflow_run\":{\"id\":1}}".getBytes();
      java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
      java.util.function.BiFunction<String, String, Integer> send = (event, sig) -> {
        java.net.http.HttpRequest.Builder b = java.net.http.HttpRequest.newBuilder(
            java.net.URI.create("http://127.0.0.1:" + app.port() + CiWebhook.PATH))
            .POST(java.net.http.HttpRequest.BodyPublishers.ofByteArray(body)).header("X-GitHub-Event", event);
        if (sig != null) {
          b.header("X-Hub-Signature-256", sig);
        }
        try {
          return http.send(b.build(), java.net.http.HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (Exception e) {
          throw new AssertionError(e);
        }
      };
      assertThat(send.apply("workflow_run", WebhookSignature.sign("s3cret", body))).isEqualTo(202);
      assertThat(send.apply("workflow_run", WebhookSignature.sign("guess", body))).isEqualTo(401);
      assertThat(send.apply("workflow_run", null)).isEqualTo(401);
      assertThat(send.apply("star", WebhookSignature.sign("s3cret", body))).isEqualTo(204);
      assertThat(woken[0]).isEqualTo(1);
    } finally {
      app.stop();
    }
  }

  static GitHubRepo gh(BridgeFixture f) {
    return GitHubClient.builder(GitHubAuth.token(Secret.of("ghp_widgets_bot_token"))).baseUri(f.github.uri()).build()
        .repo(RepoRef.parse(BridgeFixture.REPO));
  }

  static List<PullRequest> allPulls(BridgeFixture f) throws Exception {
    List<PullRequest> all = new ArrayList<>(gh(f).pulls().list(PullRequest.State.OPEN));
    all.addAll(gh(f).pulls().list(PullRequest.State.CLOSED));
    return all;
  }

  static long seriesId(BridgeFixture f, String name, int version) throws Exception {
    for (JsonNode s : Json.read(f.server.get("/api/1.3/series/?project=" + TestServer.PROJECT + "&per_page=100", null)
        .body())) {
      if (s.get("name").asText().equals(name) && s.get("version").asInt() == version) {
        return s.get("id").asLong();
      }
    }
    throw new AssertionError("no series " + name + " v" + version);
  }

  static List<Long> patchIds(BridgeFixture f, long series) throws Exception {
    List<Long> ids = new ArrayList<>();
    Json.read(f.server.get("/api/1.3/series/" + series + "/", null).body()).get("patches")
        .forEach(p -> ids.add(p.get("id").asLong()));
    return ids;
  }

  /** The latest check of a context on a patch, as Patchwork's API shows it (null: none). */
  static String check(BridgeFixture f, long patch, String context) throws Exception {
    String state = null;
    for (JsonNode c : Json.read(f.server.get("/api/1.3/patches/" + patch + "/checks/", null).body())) {
      if (c.get("context").asText().equals(context)) {
        state = c.get("state").asText();
      }
    }
    return state;
  }

  static String gitPw(BridgeFixture f, String... args) throws Exception {
    List<String> cmd = new ArrayList<>(List.of("git", "-c", "pw.server=" + f.server.url("/api/1.3"),
        "-c", "pw.project=" + TestServer.PROJECT, "-c", "pw.token=" + f.server.userToken, "pw"));
    cmd.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(cmd).directory(f.upstream.toFile()).redirectErrorStream(true);
    pb.environment().put("PAGER", "cat");
    Process p = pb.start();
    String out = new String(p.getInputStream().readAllBytes());
    assertThat(p.waitFor()).as(out).isZero();
    return out;
  }
}
