package dev.patchflow.tester;

import static org.assertj.core.api.Assertions.assertThat;

import dev.patchflow.config.ProbeConfig;
import dev.patchflow.config.ProjectConfig;
import dev.patchflow.config.TestConfig;
import dev.patchflow.store.TestJobRepository;
import dev.patchflow.testing.PackagedJar;
import dev.patchflow.testing.TestDatabases;
import dev.patchflow.testing.TestServer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * `patchflow tester` as a user runs it, a process of its own against a live server: it runs the
 * server's capability probes, and takes only the job its passing probes (and --capability) allow.
 */
class ProbingTesterIT {
  @TempDir Path tmp;

  @Test
  void probesDecideWhatTheTesterTakes() throws Exception {
    ProjectConfig project = new ProjectConfig(TestServer.PROJECT, TestServer.PROJECT, List.of(), List.of(), List.of(),
        null, List.of(
            new TestConfig("needs-here", "test -f b.c && echo probed-ok", 60, List.of("here"), null),
            new TestConfig("needs-absent", "true", 60, List.of("absent"), null),
            new TestConfig("needs-given", "true", 60, List.of("given"), null)),
        List.of(new ProbeConfig("here", "test -d /"), new ProbeConfig("absent", "exit 1")));
    try (TesterFixture f = new TesterFixture(TestDatabases.open("h2", tmp), tmp, project, LeasePolicy.DEFAULT,
        JobReports.Listener.NONE)) {
      f.applyOne();
      assertThat(f.server.get("/api/v1/testers/probes", f.server.testerToken).body())
          .contains("\"name\":\"here\"").contains("\"name\":\"absent\"");

      ProcessBuilder pb = PackagedJar.command("tester", "--home", tmp.resolve("home").toString(), "--server",
          f.server.url(""), "--work", tmp.resolve("work").toString(), "--capability", "given", "--once")
          .redirectErrorStream(true);
      pb.environment().put("PATCHFLOW_TOKEN", f.server.testerToken); // as the systemd unit gives it
      Process p = pb.start();
      p.getOutputStream().close();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
      assertThat(p.exitValue()).as(out).isZero();
      assertThat(out).contains("capabilities given here").doesNotContain("absent").doesNotContain(f.server.testerToken);

      Map<String, String> states = f.server.db.jdbi().withHandle(h -> {
        Map<String, String> m = new java.util.HashMap<>();
        for (long id : h.createQuery("SELECT id FROM test_job").mapTo(Long.class).list()) {
          TestJobRepository.Job j = new TestJobRepository().get(h, id).orElseThrow();
          m.put(j.testName(), j.state());
        }
        return m;
      });
      // --once: one job, the oldest it may take (needs-here or needs-given); never needs-absent
      assertThat(states.get("needs-absent")).isEqualTo("pending");
      assertThat(states.values().stream().filter(s -> s.equals("success")).count()).isEqualTo(1);
    }
  }
}
