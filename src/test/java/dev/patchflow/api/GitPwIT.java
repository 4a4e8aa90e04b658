package dev.patchflow.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.patchflow.config.DatabaseConfig;
import dev.patchflow.store.Database;
import dev.patchflow.testing.TestServer;
import dev.patchflow.testing.Tools;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** The real Patchwork client, Debian's git-pw, against a running Patchflow server. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class GitPwIT {
  @TempDir static Path tmp;
  private TestServer server;
  private Path repo;

  private record Run(int code, String out) {}

  @BeforeAll
  void start() throws Exception {
    Tools.require("git-pw");
    server = new TestServer(Database.open(DatabaseConfig.EMBEDDED, tmp.resolve("home")));
    // the demo series were written against this tree (demo/make-demo-mbox.sh)
    repo = Files.createDirectories(tmp.resolve("widgets"));
    run(repo, "git", "init", "-q", "-b", "main");
    Files.writeString(repo.resolve("widget.c"), "int widget_count;\n");
    Files.writeString(repo.resolve("README"), "Widgets\n");
    run(repo, "git", "add", ".");
    run(repo, "git", "-c", "user.name=T", "-c", "user.email=t@example.org", "commit", "-qm", "Initial import");
  }

  @AfterAll
  void stop() {
    if (server != null) {
      server.close();
    }
  }

  private Run pw(String token, String... args) throws Exception {
    List<String> cmd = new ArrayList<>(List.of("git", "-c", "pw.server=" + server.url("/api/1.3"),
        "-c", "pw.project=" + TestServer.PROJECT, "-c", "pw.token=" + token, "-c", "user.name=T",
        "-c", "user.email=t@example.org", "pw"));
    cmd.addAll(List.of(args));
    return run(repo, cmd.toArray(new String[0]));
  }

  private static Run run(Path dir, String... cmd) throws IOException, InterruptedException {
    ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true);
    pb.environment().put("PAGER", "cat");
    pb.environment().put("GIT_PAGER", "cat");
    Process p = pb.start();
    String out = new String(p.getInputStream().readAllBytes());
    return new Run(p.waitFor(), out);
  }

  private long seriesId(int version) throws Exception {
    JsonNode all = Json.read(server.get("/api/1.3/series/?project=" + TestServer.PROJECT, null).body());
    for (JsonNode s : all) {
      if (s.get("name").asText().equals("widget limits") && s.get("version").asInt() == version) {
        return s.get("id").asLong();
      }
    }
    throw new AssertionError("no widget limits v" + version);
  }

  @Test
  void seriesListAndShow() throws Exception {
    Run list = pw(server.userToken, "series", "list", "-f", "csv");
    assertThat(list.code()).as(list.out()).isZero();
    assertThat(list.out()).contains("widget limits").contains("Ada Lovelace (ada@example.org)")
        .contains("README: say what widgets are");
    long v2 = seriesId(2);
    Run show = pw(server.userToken, "series", "show", "-f", "csv", Long.toString(v2));
    assertThat(show.code()).as(show.out()).isZero();
    assertThat(show.out()).contains("\"Name\",\"widget limits\"").contains("\"Version\",\"2\"")
        .contains("\"Received\",\"3 of 3\"").contains("\"Complete\",\"True\"")
        .contains("widget: add a limit").contains("docs: describe the widget limit").contains("widget: add widget_full()");
  }

  @Test
  void seriesApplyFoldsReviewTrailersIntoTheCommits() throws Exception {
    Run apply = pw(server.userToken, "series", "apply", Long.toString(seriesId(1)));
    assertThat(apply.code()).as(apply.out()).isZero();
    Run log = run(repo, "git", "log", "--format=%s%n%b%n--", "-3");
    assertThat(log.out()).contains("widget: add widget_full()").contains("docs: describe the widget limit")
        .contains("widget: add a limit")
        .contains("Reviewed-by: Grace Hopper <grace@example.org>")
        .contains("Acked-by: Linus Example <linus@example.org>");
    Run author = run(repo, "git", "log", "--format=%an <%ae>", "-1");
    assertThat(author.out().strip()).isEqualTo("Ada Lovelace <ada@example.org>");
    run(repo, "git", "reset", "-q", "--hard", "HEAD~3");
  }

  @Test
  void patchListShowsNewPatchesAndNotTheSupersededVersion() throws Exception {
    Run list = pw(server.userToken, "patch", "list", "-f", "csv");
    assertThat(list.code()).as(list.out()).isZero();
    assertThat(list.out()).contains("[widgets,v2,1/3] widget: add a limit").contains("README: say what widgets are")
        .doesNotContain("[widgets,1/3] widget: add a limit");
    Run superseded = pw(server.userToken, "patch", "list", "-f", "csv", "--state", "superseded");
    assertThat(superseded.out()).contains("[widgets,1/3] widget: add a limit").contains("superseded");
  }

  @Test
  void patchUpdateNeedsAMaintainer() throws Exception {
    long patch = Json.read(server.get("/api/1.3/patches/?project=" + TestServer.PROJECT + "&q=README", null).body())
        .get(0).get("id").asLong();
    Run denied = pw(server.userToken, "patch", "update", "--state", "accepted", Long.toString(patch));
    assertThat(denied.code()).isNotZero();
    Run ok = pw(server.maintainerToken, "patch", "update", "--state", "accepted", "-f", "csv", Long.toString(patch));
    assertThat(ok.code()).as(ok.out()).isZero();
    assertThat(ok.out()).contains("\"State\",\"accepted\"");
    JsonNode after = Json.read(server.get("/api/1.3/patches/" + patch + "/", null).body());
    assertThat(after.get("state").asText()).isEqualTo("accepted");
    Run delegated = pw(server.maintainerToken, "patch", "update", "--delegate", "maint", "-f", "csv", Long.toString(patch));
    assertThat(delegated.code()).as(delegated.out()).isZero();
    assertThat(delegated.out()).contains("\"Delegate\",\"maint\"");
  }
}
