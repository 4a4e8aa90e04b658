package dev.patchflow.tester;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.patchflow.api.Json;
import dev.patchflow.config.DatabaseConfig;
import dev.patchflow.config.TestConfig;
import dev.patchflow.store.Database;
import dev.patchflow.testing.TestServer;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The testers page and the project badge over HTTP, as jobs are claimed and end. */
class TesterPagesIT {
  @TempDir Path tmp;

  @Test
  void theBadgeAndTheTestersPageFollowTheJobs() throws Exception {
    try (TesterFixture f = new TesterFixture(Database.open(DatabaseConfig.EMBEDDED, tmp.resolve("home")), tmp,
        TesterFixture.project(List.of(new TestConfig("build", "exit 1", 60, List.of(), null))), LeasePolicy.DEFAULT,
        JobReports.Listener.NONE)) {
      String badge = "/project/" + TestServer.PROJECT + "/badge.svg";
      HttpResponse<String> none = f.server.get(badge, null);
      assertThat(none.headers().firstValue("Content-Type").orElse("")).startsWith("image/svg+xml");
      assertThat(none.body()).contains(">no tests<");
      assertThat(f.server.get("/testers", null).body()).contains("No tester has asked for a job yet");
      assertThat(f.server.get("/project/nowhere/badge.svg", null).statusCode()).isEqualTo(404);

      long series = f.applyOne();
      HttpResponse<String> claim = f.server.send("POST", "/api/v1/testers/claim", f.server.testerToken,
          "application/json", "{\"tester\": \"box-<1>\", \"capabilities\": [\"x86\", \"kvm\"]}");
      JsonNode job = Json.read(claim.body());
      String page = f.server.get("/testers", null).body();
      assertThat(page).contains("box-&lt;1&gt;").contains("/series/" + series + "/")
          .contains("/jobs/" + job.get("job").asLong() + "/").contains(">kvm<").contains(">x86<");
      assertThat(f.server.get(badge, null).body()).contains(">running<");

      assertThat(f.server.send("PUT", "/api/v1/jobs/" + job.get("job").asLong() + "/result?lease="
          + job.get("lease").asText(), f.server.testerToken, "application/json", "{\"status\": \"failure\"}")
          .statusCode()).isEqualTo(200);
      assertThat(f.server.get(badge, null).body()).contains(">1 of 1 failing<").contains("#e05d44");
      assertThat(f.server.get("/testers", null).body()).contains("box-&lt;1&gt;").contains(">idle<");
      // the series page links the job's log from its results
      assertThat(f.server.get("/series/" + series + "/", null).body())
          .contains("/api/v1/jobs/" + job.get("job").asLong() + "/log");
    }
  }
}
