package dev.patchflow.tester;

import dev.patchflow.store.CheckRepository;
import dev.patchflow.store.Database;
import dev.patchflow.store.EventRepository;
import dev.patchflow.store.ResultRepository;
import dev.patchflow.store.TestJobRepository;
import dev.patchflow.store.TesterRepository;
import dev.patchflow.users.Principal;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records a tester's final report in one transaction: the job's outcome, the series result
 * "testing.NAME" (which the search and badges read) and a Patchwork check on every patch of
 * the series, so that Patchwork clients see the test too. A base test's job has no series: its
 * outcome stays on the job, which the project's pages show.
 */
public final class JobReports {
  private static final Logger LOG = LoggerFactory.getLogger(JobReports.class);
  public static final Set<String> STATUSES = Set.of("success", "failure", "timeout");
  private final Database db;
  private final Clock clock;
  private final TestJobRepository jobs = new TestJobRepository();
  private final ResultRepository results = new ResultRepository();
  private final CheckRepository checks = new CheckRepository();
  private final EventRepository events = new EventRepository();
  private final TesterRepository testers = new TesterRepository();
  private final Listener listener;

  /** A report to record. */
  public record Report(String status, Integer exitCode, Long durationMs) {}

  /**
   * Told of each job that ended, after its report is committed. It must return quickly (mail is
   * sent elsewhere); whatever it throws is logged and does not touch the recorded report.
   */
  public interface Listener {
    Listener NONE = (job, logUrl) -> {};

    void finished(TestJobRepository.Job job, String logUrl);
  }

  public JobReports(Database db, Clock clock) {
    this(db, clock, Listener.NONE);
  }

  public JobReports(Database db, Clock clock, Listener listener) {
    this.db = db;
    this.clock = clock;
    this.listener = listener;
  }

  /**
   * Records the report; false when the lease is not the job's (any more), in which case nothing
   * is recorded, so a job ends once whatever late reports arrive.
   */
  public boolean finish(Principal tester, long jobId, String lease, Report r, String logUrl) {
    TestJobRepository.Job ended = record(tester, jobId, lease, r, logUrl);
    if (ended == null) {
      return false;
    }
    try {
      listener.finished(ended, logUrl);
    } catch (RuntimeException e) {
      LOG.atError().addKeyValue("job", jobId).setCause(e).log("a listener failed on a recorded result");
    }
    return true;
  }

  /** The job as it ended, or null when the lease was not the job's. */
  private TestJobRepository.Job record(Principal tester, long jobId, String lease, Report r, String logUrl) {
    return db.jdbi().inTransaction(h -> {
      Instant now = clock.instant();
      if (!jobs.finish(h, jobId, lease, r.status(), r.exitCode(), r.durationMs(), now)) {
        return null;
      }
      testers.seenFor(h, jobId, now);
      TestJobRepository.Job job = jobs.get(h, jobId).orElseThrow();
      if (job.isBase()) {
        return job;
      }
      String description = describe(job.testName(), r);
      Map<String, Object> data = new java.util.LinkedHashMap<>();
      data.put("job", jobId);
      data.put("status", r.status());
      data.put("exit_code", r.exitCode());
      data.put("duration_ms", r.durationMs());
      data.put("tester", job.tester());
      data.put("description", description); // says "timed out" where the status can only say failure
      results.put(h, job.seriesId(), "testing." + job.testName(), r.status().equals("success") ? "success" : "failure",
          logUrl, dev.patchflow.api.Json.write(data), now);
      String state = r.status().equals("success") ? "success" : "fail";
      List<EventRepository.Event> created = new ArrayList<>();
      for (long patch : jobs.patchIds(h, job.seriesId())) {
        long check = checks.add(h, patch, tester.userId(), now, state, logUrl, job.testName(), description);
        created.add(EventRepository.Event.of(job.projectId(), "check-created", now, tester.userId()).patch(patch)
            .check(check));
      }
      if (!created.isEmpty()) {
        events.add(h, created);
      }
      return job;
    });
  }

  static String describe(String test, Report r) {
    String outcome = switch (r.status()) {
      case "success" -> "passed";
      case "timeout" -> "timed out";
      default -> "failed" + (r.exitCode() == null ? "" : " (exit code " + r.exitCode() + ")");
    };
    String took = r.durationMs() == null ? "" : " in " + Math.round(r.durationMs() / 1000.0) + " s";
    return test + " " + outcome + took;
  }
}
