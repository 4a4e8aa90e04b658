package dev.patchflow.bench;

import dev.patchflow.config.DatabaseConfig;
import dev.patchflow.store.Database;
import dev.patchflow.store.TestJobRepository;
import dev.patchflow.tester.JobMatcher;
import dev.patchflow.tester.JobQueue;
import dev.patchflow.tester.LeasePolicy;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The claim benchmark: 10,000 pending test jobs and 16 testers claiming them at once through
 * the server's own {@link JobQueue} (expiry, candidate read, lock or conditional update), until
 * none is left; on H2 and PostgreSQL. Every claim is counted per job: a job claimed twice is a
 * double claim, and the run fails on any.
 */
final class ClaimBench {
  private static final int JOBS = Integer.getInteger("patchflow.bench.claim.jobs", 10_000);
  private static final int CLAIMERS = Integer.getInteger("patchflow.bench.claim.claimers", 16);

  private final Path dataDir;

  ClaimBench(Path dataDir) {
    this.dataDir = dataDir;
  }

  boolean run(Figures figures) throws IOException, InterruptedException {
    long doubles = 0;
    Path home = Files.createTempDirectory("patchflow-bench-claim");
    try (Database db = Database.open(new DatabaseConfig(null, null, null, CLAIMERS), home)) {
      doubles += database("claim.h2", db, figures);
    } finally {
      Dirs.deleteTree(home);
    }
    String url = System.getenv("PATCHFLOW_BENCH_PG_URL");
    if (url == null || url.isBlank()) {
      System.err.println("bench: note: PATCHFLOW_BENCH_PG_URL is not set and no local PostgreSQL was set up: "
          + "skipping claim.pg");
    } else {
      try (PgScratchDatabase scratch = PgScratchDatabase.create(url, System.getenv("PATCHFLOW_BENCH_PG_USER"),
          System.getenv("PATCHFLOW_BENCH_PG_PASSWORD"))) {
        Path pgHome = Files.createTempDirectory("patchflow-bench-claim-pg");
        DatabaseConfig c = scratch.config();
        try (Database db = Database.open(new DatabaseConfig(c.url(), c.user(), c.password(), CLAIMERS), pgHome)) {
          doubles += database("claim.pg", db, figures);
        } finally {
          Dirs.deleteTree(pgHome);
        }
      } catch (SQLException e) {
        System.err.println("bench: note: cannot make a scratch PostgreSQL database: " + e.getMessage() + "; skipping claim.pg");
      }
    }
    figures.add("claim.double_claims", doubles, "claims");
    return doubles == 0;
  }

  /** Fills the queue, lets the claimers empty it; returns the number of double claims. */
  private static long database(String prefix, Database db, Figures figures) throws InterruptedException {
    Clock clock = Clock.systemUTC();
    TestJobRepository jobs = new TestJobRepository();
    db.jdbi().useTransaction(h -> {
      for (int i = 0; i < JOBS; i++) {
        // Three tests a series, a quarter of them needing a capability every claimer has.
        jobs.create(h, 1 + i / 3, 1, "test" + (i % 3), "make check", 600,
            JobMatcher.encode(i % 4 == 0 ? List.of("x86_64") : List.of()), clock.instant());
      }
    });
    JobQueue queue = new JobQueue(db, LeasePolicy.DEFAULT, clock);
    Map<Long, AtomicInteger> claims = new ConcurrentHashMap<>();
    ExecutorService pool = Executors.newFixedThreadPool(CLAIMERS);
    long t0 = System.nanoTime();
    try {
      List<Future<Integer>> runs = new ArrayList<>();
      for (int c = 0; c < CLAIMERS; c++) {
        String tester = "tester-" + c;
        runs.add(pool.submit(() -> {
          int n = 0;
          Optional<JobQueue.Claimed> got;
          while ((got = queue.claim(tester, Set.of("x86_64"), null)).isPresent()) {
            claims.computeIfAbsent(got.get().job().id(), k -> new AtomicInteger()).incrementAndGet();
            n++;
          }
          return n;
        }));
      }
      for (Future<Integer> f : runs) {
        f.get();
      }
    } catch (java.util.concurrent.ExecutionException e) {
      throw new IllegalStateException("a claimer failed", e.getCause());
    } finally {
      pool.shutdownNow();
    }
    double seconds = (System.nanoTime() - t0) / 1e9;
    long doubles = claims.values().stream().mapToLong(a -> a.get() - 1).sum();
    long pending = db.jdbi().withHandle(h -> jobs.count(h, "pending"));
    System.err.printf("bench: %s: %d jobs claimed by %d claimers in %.1f s; %d pending left, %d double claims%n", prefix,
        claims.size(), CLAIMERS, seconds, pending, doubles);
    if (claims.size() != JOBS || pending != 0) {
      throw new IllegalStateException(prefix + ": claimed " + claims.size() + " of " + JOBS + " jobs, " + pending + " left");
    }
    figures.add(prefix + ".claims_per_s", JOBS / seconds, "claims/s");
    return doubles;
  }
}
