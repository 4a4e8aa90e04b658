package dev.patchflow.web;

import dev.patchflow.api.ApiException;
import dev.patchflow.store.Database;
import dev.patchflow.store.ProjectRepository;
import dev.patchflow.store.TestJobRepository;
import dev.patchflow.store.TesterRepository;
import dev.patchflow.tester.LogBuffer;
import java.util.List;

/** The testers page (with the projects' base tests), test job pages and the projects' test badges. */
final class TesterPages {
  private final Database db;

  TesterPages(Database db) {
    this.db = db;
  }

  List<Views.TesterItem> testers() {
    return db.jdbi().withHandle(h -> new TesterRepository().all(h)).stream().map(t -> new Views.TesterItem(t.name(),
        WebUi.DATE.format(t.lastSeen()), WebUi.DATE.format(t.firstSeen()),
        t.capabilities().isEmpty() ? List.of() : List.of(t.capabilities().split(" ")),
        t.job() == null ? null : new Views.TesterJob(t.job().id(), t.job().seriesId(), t.job().seriesName(),
            t.job().testName(), t.job().leaseUntil() == null ? "" : WebUi.DATE.format(t.job().leaseUntil()))))
        .toList();
  }

  /** Per project with base tests, the jobs of its newest tested base commit. */
  List<Views.BaseTests> baseTests() {
    return db.jdbi().withHandle(h -> {
      TestJobRepository jobs = new TestJobRepository();
      List<Views.BaseTests> out = new java.util.ArrayList<>();
      for (dev.patchflow.store.Project p : new ProjectRepository().all(h)) {
        jobs.latestBase(h, p.id()).ifPresent(sha -> out.add(new Views.BaseTests(p.name(), sha,
            jobs.forBase(h, p.id(), sha).stream().map(j -> new Views.BaseJob(j.id(), j.testName(), j.state(),
                j.tester() == null ? "" : j.tester())).toList())));
      }
      return out;
    });
  }

  /** A job's page, its log as far as it goes now. */
  Views.JobPage job(long id) {
    return db.jdbi().withHandle(h -> {
      TestJobRepository jobs = new TestJobRepository();
      TestJobRepository.Job j = jobs.get(h, id).orElseThrow(() -> new ApiException(404, "No such test job."));
      String project = h.createQuery("SELECT name FROM project WHERE id = :id").bind("id", j.projectId())
          .mapTo(String.class).findOne().orElse("");
      String series = j.isBase() ? null : h.createQuery("SELECT name FROM series WHERE id = :id").bind("id", j.seriesId())
          .mapTo(String.class).findOne().orElse("series " + j.seriesId());
      boolean growing = !j.finalState();
      LogBuffer.Slice log = LogBuffer.slice(LogBuffer.bytes(jobs.log(h, id).map(TestJobRepository.Log::gzip)
          .orElse(null)), 0, growing);
      return new Views.JobPage(j.id(), j.testName(), project, j.isBase() ? null : j.seriesId(), series, j.baseSha(),
          j.state(), j.attempt(), j.tester() == null ? "" : j.tester(), j.exitCode() == null ? "" : j.exitCode().toString(),
          j.durationMs() == null ? "" : Math.round(j.durationMs() / 1000.0) + " s", log.text(), log.next(), growing);
    });
  }

  Badge badge(String project) {
    return db.jdbi().withHandle(h -> {
      long id = new ProjectRepository().details(h, project).orElseThrow(() -> new ApiException(404, "No such project."))
          .id();
      return TestBadge.of(new TestJobRepository().recentStates(h, id, TestBadge.SERIES));
    });
  }
}
