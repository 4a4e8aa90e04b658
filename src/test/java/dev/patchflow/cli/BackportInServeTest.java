package dev.patchflow.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.patchflow.backport.RunSummary;
import dev.patchflow.backport.pipeline.BackportRun;
import dev.patchflow.config.ConfigLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `serve` running the backport side: a report dropped into the watched folder, and the scheduled run. */
class BackportInServeTest {
  // one world per test: both runs open pull requests for the same fixes
  @TempDir Path tmp;
  BackportWorld world;

  @BeforeEach
  void setUp() throws Exception {
    world = new BackportWorld(tmp);
  }

  @AfterEach
  void stop() {
    world.close();
  }

  private BackportInServe inServe(String name, String extra, Clock clock) throws Exception {
    return new BackportInServe(ConfigLoader.load(world.config(name, extra), true, k -> null).backport(),
        tmp.resolve("home"), clock);
  }

  @Test
  void aReportDroppedIntoTheWatchedFolderRunsItsCommits() throws Exception {
    Path inbox = Files.createDirectories(tmp.resolve("inbox"));
    long before = world.pullRequestsOpened();
    try (BackportInServe serve = inServe("watch", "  watch_dir: " + inbox + "\n", Clock.systemUTC())) {
      serve.start();
      // written elsewhere and moved in, as a writer should
      Path part = Files.writeString(inbox.resolve(".dec.part"), "# one fix\n" + world.k.sha.get("fixNeeded") + "\n");
      Files.move(part, inbox.resolve("dec.txt"));
      Path summary = world.runs("watch").resolve("summary.log");
      long deadline = System.nanoTime() + 60_000_000_000L;
      while (!(Files.exists(summary) && Files.readString(summary).contains("COMPLETED")) && System.nanoTime() < deadline) {
        Thread.sleep(200);
      }
      assertThat(Files.readAllLines(summary)).singleElement().asString().endsWith(" COMPLETED: success=1");
    }
    assertThat(world.pullRequestsOpened()).isEqualTo(before + 1);
    assertThat(world.photon.branches("backport/")).containsKey("backport/" + world.k.abbrev("fixNeeded"));
  }

  @Test
  void theScheduledRunScansTheCurrentMonth() throws Exception {
    Clock march = Clock.fixed(Instant.parse("2025-03-20T02:00:00Z"), ZoneOffset.UTC);
    try (BackportInServe serve = inServe("night", "  serve_schedule: true\n", march)) {
      BackportRun.Ended ended = serve.runScheduled();
      assertThat(ended.summary()).isInstanceOf(RunSummary.Completed.class);
      assertThat(((RunSummary.Completed) ended.summary()).counts()).containsEntry("success", 3)
          .containsEntry("already_integrated", 3);
      assertThat(ended.result().results()).extracting(r -> r.candidate().subject()).doesNotContain("fs: fix late thing");
    }
    assertThat(Files.readAllLines(world.runs("night").resolve("summary.log"))).hasSize(1);
    try (var runs = Files.list(world.runs("night"))) {
      assertThat(runs.filter(p -> p.getFileName().toString().startsWith("run-20250320-"))).singleElement()
          .satisfies(run -> assertThat(run.resolve("results.jsonl")).content().contains("\"status\":\"success\""));
    }
  }
}
