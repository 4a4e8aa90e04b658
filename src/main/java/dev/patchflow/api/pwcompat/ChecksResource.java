package dev.patchflow.api.pwcompat;

import dev.patchflow.api.ApiException;
import dev.patchflow.api.Auth;
import dev.patchflow.api.Paging;
import dev.patchflow.store.CheckRepository;
import dev.patchflow.store.SubmissionQueries;
import dev.patchflow.tracking.CheckActions;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** /patches/{id}/checks/: list, detail, create. */
final class ChecksResource {
  private final PwApi api;
  private final CheckActions actions;
  private final CheckRepository checks = new CheckRepository();

  ChecksResource(PwApi api, CheckActions actions) {
    this.api = api;
    this.actions = actions;
  }

  void list(Context ctx) {
    api.read(ctx, (pw, h) -> {
      long patch = patch(ctx, pw);
      List<Long> users = Params.ids(ctx, "user");
      List<CheckRepository.Check> all = checks.forPatch(h, patch, users, Params.all(ctx, "state"),
          Params.all(ctx, "context"), Params.time(ctx, "since"), Params.time(ctx, "before"));
      Paging paging = Paging.of(ctx);
      List<CheckRepository.Check> rows = all.subList(Math.min(all.size(), paging.offset()),
          Math.min(all.size(), paging.offset() + paging.probe()));
      return paging.respond(ctx, rows, all::size).stream().map(c -> render(pw, c)).toList();
    });
  }

  void detail(Context ctx) {
    api.read(ctx, (pw, h) -> render(pw, checks.byId(h, patch(ctx, pw), Params.pathId(ctx, "cid"))
        .orElseThrow(ApiException::notFound)));
  }

  void create(Context ctx) {
    Map<String, String> f = PatchesResource.api(ctx);
    CheckRepository.Check c = api.act(() -> actions.add(Auth.principal(ctx), Params.pathId(ctx, "id"), f.get("state"),
        f.get("target_url"), f.get("context"), f.get("description")));
    ctx.status(201);
    api.read(ctx, (pw, h) -> render(pw, c));
  }

  private long patch(Context ctx, PwContext pw) {
    long id = Params.pathId(ctx, "id");
    new SubmissionQueries().byId(pw.h, id, List.of("PATCH", "PULL_REQUEST")).orElseThrow(ApiException::notFound);
    return id;
  }

  private static Map<String, Object> render(PwContext pw, CheckRepository.Check c) {
    Map<String, Object> o = PwJson.object();
    o.put("id", c.id());
    o.put("url", pw.api("/patches/" + c.patchId() + "/checks/" + c.id() + "/"));
    o.put("user", pw.userEmbedded(c.userId()));
    o.put("date", PwJson.date(c.date()));
    o.put("state", c.state());
    o.put("target_url", c.targetUrl());
    o.put("context", c.context());
    o.put("description", c.description());
    return o;
  }

  static List<Map<String, Object>> renderAll(PwContext pw, List<CheckRepository.Check> list) {
    List<Map<String, Object>> out = new ArrayList<>();
    list.forEach(c -> out.add(render(pw, c)));
    return out;
  }
}
