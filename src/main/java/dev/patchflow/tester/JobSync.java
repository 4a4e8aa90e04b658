package dev.patchflow.tester;

import dev.patchflow.config.ProjectConfig;
import dev.patchflow.config.TestConfig;
import dev.patchflow.store.ApplyRepository;
import dev.patchflow.store.Database;
import dev.patchflow.store.Project;
import dev.patchflow.store.ProjectRepository;
import dev.patchflow.store.TestJobRepository;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes the testers' jobs: one per enabled series test for each series applied since the last
 * sync, and one per enabled base test for each base commit not seen yet. The base is the head of
 * the project's base branch as the applier's merge scan last fetched it (upstream_scan), so base
 * tests follow the branch as often as that scan runs. `serve` syncs on a timer
 * ({@link JobSyncLoop}); claims never do, as a sync reads every project's untested series.
 */
public final class JobSync {
  private static final Logger LOG = LoggerFactory.getLogger(JobSync.class);
  private static final int BATCH = 500;
  private final Database db;
  private final List<ProjectConfig> projects;
  private final Clock clock;
  private final TestJobRepository jobs = new TestJobRepository();

  public JobSync(Database db, List<ProjectConfig> projects, Clock clock) {
    this.db = db;
    this.projects = List.copyOf(projects);
    this.clock = clock;
  }

  /**
   * Creates the jobs that are due; returns how many. Two servers syncing at once may collide on a
   * unique key: the loser's work was done by the winner, so it just stops for that project.
   */
  public int sync() {
    int created = 0;
    for (ProjectConfig p : projects) {
      List<TestConfig> enabled = p.tests().stream().filter(TestConfig::enabledOrDefault).toList();
      List<TestConfig> series = enabled.stream().filter(t -> !t.onBase()).toList();
      List<TestConfig> base = enabled.stream().filter(TestConfig::onBase).toList();
      if (enabled.isEmpty()) {
        continue;
      }
      try {
        created += db.jdbi().inTransaction(h -> {
          Optional<Long> id = new ProjectRepository().byName(h, p.name()).map(Project::id);
          if (id.isEmpty()) {
            return 0;
          }
          return forSeries(h, id.get(), series) + forBase(h, id.get(), base);
        });
      } catch (UnableToExecuteStatementException e) {
        LOG.atDebug().addKeyValue("project", p.name()).log("jobs created by another sync at the same time");
      }
    }
    if (created > 0) {
      LOG.atInfo().addKeyValue("jobs", created).log("test jobs created");
    }
    return created;
  }

  private int forSeries(Handle h, long project, List<TestConfig> tests) {
    if (tests.isEmpty()) {
      return 0;
    }
    Instant now = clock.instant();
    int n = 0;
    for (long series : jobs.untested(h, project, BATCH)) {
      for (TestConfig t : tests) {
        jobs.create(h, series, project, t.name(), t.script(), t.timeoutOrDefault(), JobMatcher.encode(t.requirements()),
            now);
        n++;
      }
    }
    return n;
  }

  /** A job per base test that has none for the current base commit (a test added later gets one too). */
  private int forBase(Handle h, long project, List<TestConfig> tests) {
    if (tests.isEmpty()) {
      return 0;
    }
    Optional<String> head = new ApplyRepository().lastScanned(h, project);
    if (head.isEmpty()) {
      return 0;
    }
    Instant now = clock.instant();
    int n = 0;
    for (TestConfig t : tests) {
      if (!jobs.hasBaseJob(h, project, head.get(), t.name())) {
        jobs.createForBase(h, project, head.get(), t.name(), t.script(), t.timeoutOrDefault(),
            JobMatcher.encode(t.requirements()), now);
        n++;
      }
    }
    return n;
  }
}
