package dev.patchflow.tester;

import static org.assertj.core.api.Assertions.assertThat;

import dev.patchflow.config.ProjectConfig;
import dev.patchflow.config.TestConfig;
import dev.patchflow.store.Database;
import dev.patchflow.store.ResultRepository;
import dev.patchflow.store.TestJobRepository;
import dev.patchflow.testing.TestDatabases;
import dev.patchflow.testing.TestServer;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The timer `serve` makes jobs with: a sync at start, then on its ticks and when nudged. */
class JobSyncLoopTest {
  @TempDir Path tmp;

  @Test
  void jobsAppearAtStartOnTheTimerAndWhenNudged() throws Exception {
    Database db = TestDatabases.open("h2", tmp);
    try (TestServer s = new TestServer(db)) {
      List<Long> series = db.jdbi().withHandle(h -> h.createQuery("SELECT id FROM series ORDER BY id").mapTo(Long.class)
          .list());
      assertThat(series).hasSizeGreaterThanOrEqualTo(3);
      applied(db, series.get(0));
      JobSync sync = new JobSync(db, List.of(new ProjectConfig(TestServer.PROJECT, TestServer.PROJECT, List.of(),
          List.of(), List.of(), null, List.of(new TestConfig("t", "true", 60, List.of(), null)))), Clock.systemUTC());
      // an hour between ticks: only the sync at start and nudges can make these jobs
      try (JobSyncLoop loop = new JobSyncLoop(sync, Duration.ofHours(1))) {
        waitForJobs(db, 1);
        applied(db, series.get(1));
        loop.nudge();
        waitForJobs(db, 2);
      }
      // and on its ticks
      try (JobSyncLoop loop = new JobSyncLoop(sync, Duration.ofMillis(100))) {
        Thread.sleep(300);
        applied(db, series.get(2));
        waitForJobs(db, 3);
      }
    }
  }

  private static void applied(Database db, long series) {
    db.jdbi().useTransaction(h -> new ResultRepository().put(h, series, "git", "success", null, "{}", Instant.now()));
  }

  private static void waitForJobs(Database db, long n) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    long jobs;
    while ((jobs = db.jdbi().withHandle(h -> new TestJobRepository().count(h, "pending"))) < n) {
      assertThat(System.nanoTime()).as("waited for %d jobs", n).isLessThan(deadline);
      Thread.sleep(50);
    }
    assertThat(jobs).isEqualTo(n);
  }
}
