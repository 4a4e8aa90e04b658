package dev.patchflow.tester;

import dev.patchflow.store.CheckRepository;
import dev.patchflow.store.Database;
import dev.patchflow.store.EventRepository;
import dev.patchflow.store.ResultRepository;
import dev.patchflow.store.TestJobRepository;
import dev.patchflow.users.Principal;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Records a tester's final report in one transaction: the job's outcome, the series result
 * "testing.NAME" (which the search and badges read) and a Patchwork check on every patch of
 * the series, so that Patchwork clients see the test too.
 */
public final class JobReports {
  public static final Set<String> STATUSES = Set.of("success", "failure", "timeout");
  private final Database db;
  private final Clock clock;
  private final TestJobRepository jobs = new TestJobRepository();
  private final ResultRepository results = new ResultRepository();
  private final CheckRepository checks = new CheckRepository();
  private final EventRepository events = new EventRepository();

  /** A report to record. */
  public record Report(String status, Integer exitCode, Long durationMs) {}

  public JobReports(Database db, Clock clock) {
    this.db = db;
    this.clock = clock;
  }

  /**
   * Records the report; false when the lease is not the job's (any more), in which case nothing
   * is recorded, so a job ends once whatever late reports arrive.
   */
  public boolean finish(Principal tester, long jobId, String lease, Report r, String logUrl) {
    return db.jdbi().inTransaction(h -> {
      Instant now = clock.instant();
      if (!jobs.finish(h, jobId, lease, r.status(), r.exitCode(), r.durationMs(), now)) {
        return false;
      }
      TestJobRepository.Job job = jobs.get(h, jobId).orElseThrow();
      String description = describe(job.testName(), r);
      Map<String, Object> data = new java.util.LinkedHashMap<>();
      data.put("job", jobId);
      data.put("status", r.status());
      data.put("exit_code", r.exitCode());
      data.put("duration_ms", r.durationMs());
      data.put("tester", job.tester());
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
      return true;
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
