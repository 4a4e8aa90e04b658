package dev.patchflow.web;

import dev.patchflow.api.ApiException;
import dev.patchflow.api.Urls;
import dev.patchflow.store.CheckRepository;
import dev.patchflow.store.Database;
import dev.patchflow.store.ProjectDetails;
import dev.patchflow.store.ProjectRepository;
import dev.patchflow.store.SeriesDetail;
import dev.patchflow.store.SeriesQueries;
import dev.patchflow.store.StateRepository;
import dev.patchflow.store.SubmissionFilter;
import dev.patchflow.store.SubmissionQueries;
import dev.patchflow.store.SubmissionRow;
import dev.patchflow.store.UserRepository;
import dev.patchflow.users.Principal;
import dev.patchflow.users.Role;
import java.util.ArrayList;
import java.util.List;

/** Builds the patch page: the mail, its coloured diff, trailers, comments and the maintainer form. */
final class PatchPages {
  private final Database db;
  private final SubmissionQueries submissions = new SubmissionQueries();

  PatchPages(Database db) {
    this.db = db;
  }

  Views.PatchPage page(String projectName, String msgid, Principal who, String base) {
    return db.jdbi().withHandle(h -> {
      ProjectDetails project = new ProjectRepository().details(h, projectName)
          .orElseThrow(() -> new ApiException(404, "No such project."));
      SubmissionRow r = submissions.byMsgid(h, project.id(), msgid)
          .filter(x -> x.kind().equals("PATCH") || x.kind().equals("PULL_REQUEST"))
          .orElseThrow(() -> new ApiException(404, "No such patch."));
      SubmissionQueries.Body body = submissions.body(h, r.messageId()).orElseThrow();
      List<StateRepository.State> states = new StateRepository().forProject(h, project.id());
      String state = states.stream().filter(s -> s.id() == r.stateId()).map(StateRepository.State::slug).findFirst().orElse("");
      String delegate = r.delegateId() == null ? "" : new UserRepository().byId(h, r.delegateId()).map(UserRepository.User::username)
          .orElse("");
      String seriesName = null;
      List<Views.Trailer> trailers = new ArrayList<>();
      if (r.seriesId() != null) {
        SeriesDetail d = new SeriesQueries().get(h, r.seriesId()).orElseThrow();
        seriesName = d.summary().name();
        d.patches().stream().filter(p -> p.message().messageId().equals(r.msgid())).findFirst()
            .ifPresent(p -> trailers.addAll(SeriesPages.trailers(p.trailers(), r.msgid())));
      }
      List<Views.Message> comments = new ArrayList<>();
      SubmissionFilter f = new SubmissionFilter(List.of("COMMENT"), List.of(project.id()), List.of(), List.of(), List.of(),
          List.of(), List.of(), null, List.of(), List.of(), null, null, null, r.messageId(), "date");
      for (SubmissionRow c : submissions.list(h, f, 500, 0)) {
        comments.add(new Views.Message(c.id(), c.subject().raw(), c.personName() + " <" + c.personEmail() + ">",
            WebUi.DATE.format(c.date()), c.msgid(), submissions.body(h, c.messageId()).orElseThrow().content(), 0));
      }
      boolean canEdit = who.has(Role.MAINTAINER, project.id())
          || (r.delegateId() != null && r.delegateId() == who.userId());
      List<CheckRepository.Check> checks = new CheckRepository().forPatch(h, r.id(), List.of(), List.of(), List.of(), null, null);
      return new Views.PatchPage(r.id(), project.name(), r.name(), r.msgid(), r.personName() + " <" + r.personEmail() + ">",
          WebUi.DATE.format(r.date()), state, delegate, r.archived(), r.commitRef() == null ? "" : r.commitRef(),
          r.seriesId(), seriesName, body.content(), DiffLines.colour(body.diff()), trailers, comments,
          base + "/project/" + project.name() + "/patch/" + Urls.msgid(r.msgid()) + "/mbox/", canEdit,
          states.stream().map(s -> new Views.State(s.slug(), s.name())).toList(),
          checks.isEmpty() ? "" : CheckRepository.combined(checks));
    });
  }
}
