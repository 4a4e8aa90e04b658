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
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Claims on every store kind: concurrent claimers never get the same job, and each job is claimed. */
class JobQueueTest {
  @TempDir Path tmp;

  static List<String> databases() {
    return TestDatabases.kinds();
  }

  @ParameterizedTest
  @MethodSource("databases")
  void concurrentClaimersNeverGetTheSameJob(String kind) throws Exception {
    Database db = TestDatabases.open(kind, tmp);
    try (TestServer s = new TestServer(db)) {
      List<TestConfig> tests = new ArrayList<>();
      for (int i = 0; i < 8; i++) {
        tests.add(new TestConfig("t" + i, "true", 60, i % 2 == 0 ? List.of() : List.of("odd"), null));
      }
      List<Long> series = db.jdbi().inTransaction(h -> {
        List<Long> ids = h.createQuery("SELECT id FROM series ORDER BY id").mapTo(Long.class).list();
        ids.forEach(id -> new ResultRepository().put(h, id, "git", "success", null, "{}", Instant.now()));
        return ids;
      });
      JobSync sync = new JobSync(db, List.of(new ProjectConfig(TestServer.PROJECT, TestServer.PROJECT, List.of(),
          List.of(), List.of(), null, tests)), Clock.systemUTC());
      JobQueue queue = new JobQueue(db, LeasePolicy.DEFAULT, Clock.systemUTC());
      assertThat(queue.claim("early", Set.of("odd"), null)).as("no jobs before the sync: claims do not make them")
          .isEmpty();
      int expected = series.size() * tests.size();
      assertThat(sync.sync()).isEqualTo(expected);
      Set<Long> claimed = Collections.synchronizedSet(new HashSet<>());
      List<Long> all = Collections.synchronizedList(new ArrayList<>());
      ExecutorService pool = Executors.newFixedThreadPool(6);
      List<Future<?>> done = new ArrayList<>();
      for (int t = 0; t < 6; t++) {
        Set<String> caps = t == 0 ? Set.of() : Set.of("odd");
        done.add(pool.submit(() -> {
          while (true) {
            var c = queue.claim("c", caps, null);
            if (c.isEmpty()) {
              return null;
            }
            if (caps.isEmpty()) {
              assertThat(c.get().job().requirements()).isEmpty();
            }
            claimed.add(c.get().job().id());
            all.add(c.get().job().id());
          }
        }));
      }
      for (Future<?> f : done) {
        f.get();
      }
      pool.shutdown();
      assertThat(all).hasSize(expected);
      assertThat(claimed).hasSize(expected);
      long running = db.jdbi().withHandle(h -> new TestJobRepository().count(h, "running"));
      assertThat(running).isEqualTo(expected);
      assertThat(sync.sync()).isZero(); // jobs are made once per series
    }
  }
}
