package dev.patchflow.web;

import dev.patchflow.api.ApiException;
import dev.patchflow.store.Database;
import dev.patchflow.store.ProjectRepository;
import dev.patchflow.store.TestJobRepository;
import dev.patchflow.store.TesterRepository;
import java.util.List;

/** The testers page and the projects' test badges. */
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

  Badge badge(String project) {
    return db.jdbi().withHandle(h -> {
      long id = new ProjectRepository().details(h, project).orElseThrow(() -> new ApiException(404, "No such project."))
          .id();
      return TestBadge.of(new TestJobRepository().recentStates(h, id, TestBadge.SERIES));
    });
  }
}
