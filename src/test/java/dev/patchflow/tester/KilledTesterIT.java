package dev.patchflow.tester;

import static org.assertj.core.api.Assertions.assertThat;

import dev.patchflow.config.DatabaseConfig;
import dev.patchflow.config.TestConfig;
import dev.patchflow.store.Database;
import dev.patchflow.store.TestJobRepository;
import dev.patchflow.testing.PackagedJar;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * `patchflow tester` as an OS process, killed with SIGKILL (its whole process group) while its
 * test runs: nothing of it reports again, its lease runs out, and a second runner gets the job
 * and ends it, once.
 */
class KilledTesterIT {
  @TempDir Path tmp;

  @Test
  void aKilledTestersJobGoesToTheNextRunnerAndEndsOnce() throws Exception {
    Path marker = tmp.resolve("first-ran");
    Path scriptPid = tmp.resolve("script.pid");
    // The first run marks that it ran and hangs; the second sees the mark and passes. (What they
    // print is quoted apart in the script, as the log starts with the script's text.)
    String script = "if [ -e " + marker + " ]; then echo second-\"run\"; exit 0; fi; echo $$ > " + scriptPid
        + "; touch " + marker + "; echo \"start\"ed; sleep 600";
    Database db = Database.open(DatabaseConfig.EMBEDDED, tmp.resolve("home"));
    // a lease of the timeout and one second: a dead runner's job is free again within 11 s
    try (TesterFixture f = new TesterFixture(db, tmp, List.of(new TestConfig("long", script, 10, List.of(), null)),
        new LeasePolicy(Duration.ofSeconds(1)))) {
      long series = f.applyOne();
      long job = db.jdbi().withHandle(h -> h.createQuery("SELECT id FROM test_job").mapTo(Long.class).one());

      List<String> command = new ArrayList<>(List.of("setsid")); // a process group of its own, to kill whole
      command.addAll(PackagedJar.command("tester", "--home", tmp.resolve("tester-home").toString(), "--server",
          f.server.url(""), "--work", tmp.resolve("work-first").toString(), "--name", "first", "--no-probes",
          "--once").command());
      ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true)
          .redirectOutput(tmp.resolve("first.out").toFile());
      pb.environment().put("PATCHFLOW_TOKEN", f.server.testerToken);
      Process first = pb.start();
      try {
        waitFor(() -> f.server.get("/api/v1/jobs/" + job + "/log", null).body().contains("started"), "the first run's log");
        TestJobRepository.Job running = get(f, job);
        assertThat(running.state()).isEqualTo("running");
        assertThat(running.tester()).isEqualTo("first");
        assertThat(running.attempt()).isEqualTo(1);
      } finally {
        kill(first.pid()); // the tester and its JVM's threads, all at once
        assertThat(first.waitFor(30, TimeUnit.SECONDS)).isTrue();
        // the script ran in a session of its own (as a tester's scripts do); a dead host takes it too
        if (Files.exists(scriptPid)) {
          kill(Long.parseLong(Files.readString(scriptPid).strip()));
        }
      }

      Runner second = new Runner(f.client(f.server.testerToken), Workspace.open(tmp.resolve("work-second")), "second",
          List.of(), List.of());
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      Runner.Turn turn;
      while ((turn = second.once()) == Runner.Turn.IDLE) {
        assertThat(get(f, job).state()).as("the lease holds until it runs out").isEqualTo("running");
        assertThat(System.nanoTime()).as("the lease ran out within 60 s").isLessThan(deadline);
        Thread.sleep(500);
      }
      assertThat(turn).isEqualTo(Runner.Turn.REPORTED);

      TestJobRepository.Job ended = get(f, job);
      assertThat(ended.state()).isEqualTo("success");
      assertThat(ended.attempt()).isEqualTo(2);
      assertThat(ended.tester()).isEqualTo("second");
      assertThat(f.server.get("/api/v1/jobs/" + job + "/log", null).body()).contains("second-run")
          .doesNotContain("started");
      long results = db.jdbi().withHandle(h -> h.createQuery("SELECT COUNT(*) FROM series_result WHERE series_id = :s "
          + "AND name = 'testing.long'").bind("s", series).mapTo(Long.class).one());
      long checks = db.jdbi().withHandle(h -> h.createQuery("SELECT COUNT(*) FROM patch_check WHERE context = 'long'")
          .mapTo(Long.class).one());
      assertThat(results).as("one result").isEqualTo(1);
      int patches = db.jdbi().withHandle(h -> new TestJobRepository().patchIds(h, series)).size();
      assertThat(patches).isPositive();
      assertThat(checks).as("one check on each of the series' patches").isEqualTo(patches);
      assertThat(second.once()).isEqualTo(Runner.Turn.IDLE);
    }
  }

  private static TestJobRepository.Job get(TesterFixture f, long job) {
    return f.server.db.jdbi().withHandle(h -> new TestJobRepository().get(h, job)).orElseThrow();
  }

  /** SIGKILL to the process group led by {@code pid}. */
  private static void kill(long pid) throws Exception {
    Process k = new ProcessBuilder("kill", "-KILL", "--", "-" + pid).redirectErrorStream(true).start();
    k.getInputStream().readAllBytes();
    k.waitFor(10, TimeUnit.SECONDS);
  }

  private static void waitFor(java.util.concurrent.Callable<Boolean> done, String what) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
    while (!done.call()) {
      assertThat(System.nanoTime()).as("waited 90 s for " + what).isLessThan(deadline);
      Thread.sleep(200);
    }
  }
}
