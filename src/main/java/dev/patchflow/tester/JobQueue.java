package dev.patchflow.tester;

import dev.patchflow.store.Database;
import dev.patchflow.store.TestJobRepository;
import dev.patchflow.store.TesterRepository;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The testers' side of the store: jobs (made by {@link JobSync}) are claimed under leases
 * (never by two testers at once), renewed by heartbeats and logged to under the lease.
 */
public final class JobQueue {
  private static final Logger LOG = LoggerFactory.getLogger(JobQueue.class);
  /** Pending jobs looked at per claim; jobs nobody can run wait beyond them only if there are more. */
  private static final int CANDIDATES = 500;
  /** Read first: enough when most pending jobs can run anywhere, which is the usual case. */
  private static final int FEW = 64;
  private static final int SPREAD = 16;
  private final Database db;
  private final LeasePolicy leases;
  private final Clock clock;
  private final TestJobRepository jobs = new TestJobRepository();
  private final TesterRepository testers = new TesterRepository();

  /** A job handed to a tester, with the lease its reports must carry. */
  public record Claimed(TestJobRepository.Job job, String lease) {}

  public JobQueue(Database db, LeasePolicy leases, Clock clock) {
    this.db = db;
    this.leases = leases;
    this.clock = clock;
  }

  /**
   * The oldest pending job this tester can run, of these projects (null: any), now leased to it.
   * Leases that ran out are freed first, so a dead tester's job goes to the next claim.
   */
  public Optional<Claimed> claim(String tester, Set<String> capabilities, Collection<Long> projectIds) {
    Optional<Claimed> got = take(tester, capabilities, projectIds);
    checkIn(tester, capabilities, got.map(c -> c.job().id()).orElse(null));
    return got;
  }

  /**
   * Notes the tester's claim for the testers page, apart from the claim's transaction: a failure
   * here (two first claims of one name at once) must not cost the tester its job.
   */
  private void checkIn(String tester, Set<String> capabilities, Long jobId) {
    try {
      db.jdbi().useTransaction(h -> testers.claimed(h, tester, String.join(" ", new java.util.TreeSet<>(capabilities)),
          jobId, clock.instant()));
    } catch (RuntimeException e) {
      LOG.atWarn().addKeyValue("tester", tester).setCause(e).log("could not note the tester's check-in");
    }
  }

  private Optional<Claimed> take(String tester, Set<String> capabilities, Collection<Long> projectIds) {
    db.jdbi().useTransaction(h -> jobs.expire(h, clock.instant()));
    for (int round = 0; round < 10; round++) {
      List<Long> runnable = runnable(projectIds, capabilities, FEW);
      if (runnable.isEmpty()) {
        runnable = runnable(projectIds, capabilities, CANDIDATES);
      }
      if (runnable.isEmpty()) {
        return Optional.empty();
      }
      // The oldest first; testers claiming at once would then all go for the same next ones and
      // all but one lose each time, so after it each tries the few next in an order of its own.
      List<Long> next = new ArrayList<>(runnable.subList(1, Math.min(SPREAD, runnable.size())));
      java.util.Collections.shuffle(next);
      List<Long> spread = new ArrayList<>(runnable.size());
      spread.add(runnable.get(0));
      spread.addAll(next);
      spread.addAll(runnable.subList(1 + next.size(), runnable.size()));
      Optional<Claimed> got = db.jdbi().inTransaction(h -> {
        Instant now = clock.instant();
        String lease = UUID.randomUUID().toString();
        List<Long> order = spread;
        if (db.dialect() == Database.Dialect.POSTGRESQL) {
          // the row lock makes the update below certain; others skip this row rather than queue on it
          order = jobs.lockFirstFree(h, spread).map(List::of).orElse(List.of());
        }
        for (long id : order) {
          var job = jobs.get(h, id).orElseThrow();
          if (jobs.take(h, id, lease, tester, leases.until(now, job.timeoutSeconds()), now)) {
            return Optional.of(new Claimed(jobs.get(h, id).orElseThrow(), lease));
          }
        }
        return Optional.<Claimed>empty();
      });
      if (got.isPresent()) {
        return got;
      }
    }
    return Optional.empty();
  }

  private List<Long> runnable(Collection<Long> projectIds, Set<String> capabilities, int candidates) {
    return db.jdbi().withHandle(h -> jobs.pending(h, projectIds, candidates).stream()
        .filter(p -> JobMatcher.canRun(JobMatcher.decode(p.requirements()), capabilities))
        .map(TestJobRepository.Pending::id).toList());
  }

  /** Extends a lease by the test's span from now; false when the lease is no longer the job's. */
  public boolean heartbeat(long jobId, String lease) {
    return db.jdbi().inTransaction(h -> {
      var job = jobs.get(h, jobId);
      Instant now = clock.instant();
      if (job.isEmpty() || !jobs.renew(h, jobId, lease, leases.until(now, job.get().timeoutSeconds()), now)) {
        return false;
      }
      testers.seenFor(h, jobId, now);
      return true;
    });
  }

  /** Appends to a running job's log; false when the lease is no longer the job's. */
  public boolean appendLog(long jobId, String lease, byte[] chunk, long cap) {
    return db.jdbi().inTransaction(h -> {
      var stored = jobs.logForAppend(h, jobId, lease);
      if (stored.isEmpty()) {
        return false;
      }
      var log = stored.get();
      LogBuffer.Append a = LogBuffer.append(log.gzip(), log.bytes(), log.truncated(), chunk, cap);
      if (a.log() != log.gzip()) {
        jobs.writeLog(h, jobId, new TestJobRepository.Log(a.log(), a.bytes(), a.truncated()), clock.instant());
      }
      testers.seenFor(h, jobId, clock.instant());
      return true;
    });
  }

  public Optional<TestJobRepository.Job> get(long jobId) {
    return db.jdbi().withHandle(h -> jobs.get(h, jobId));
  }
}
