package dev.patchflow.api.pwcompat;

import dev.patchflow.api.ApiException;
import dev.patchflow.api.Paging;
import dev.patchflow.store.ProjectDetails;
import dev.patchflow.store.ProjectRepository;
import dev.patchflow.store.UserRepository;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** /projects/: list and detail, by id or linkname. */
final class ProjectsResource {
  private final PwApi api;
  private final ProjectRepository projects = new ProjectRepository();

  ProjectsResource(PwApi api) {
    this.api = api;
  }

  void list(Context ctx) {
    api.read(ctx, (pw, h) -> {
      List<ProjectDetails> all = projects.details(h);
      Paging paging = Paging.of(ctx);
      List<ProjectDetails> rows = all.subList(Math.min(all.size(), paging.offset()),
          Math.min(all.size(), paging.offset() + paging.probe()));
      List<Map<String, Object>> out = new ArrayList<>();
      for (ProjectDetails p : paging.respond(ctx, rows, all::size)) {
        out.add(render(pw, p));
      }
      return out;
    });
  }

  void detail(Context ctx) {
    api.read(ctx, (pw, h) -> render(pw, projects.details(h, ctx.pathParam("id")).orElseThrow(ApiException::notFound)));
  }

  private static Map<String, Object> render(PwContext pw, ProjectDetails p) {
    Map<String, Object> o = pw.projectEmbedded(p.id());
    List<Map<String, Object>> maintainers = new ArrayList<>();
    for (UserRepository.User u : new UserRepository().maintainers(pw.h, p.id())) {
      maintainers.add(pw.userEmbedded(u.id()));
    }
    o.put("maintainers", maintainers);
    if (pw.version.atLeast(1)) {
      o.put("subject_match", "");
    }
    return o;
  }
}
