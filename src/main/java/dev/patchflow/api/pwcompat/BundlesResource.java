package dev.patchflow.api.pwcompat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.patchflow.api.ApiException;
import dev.patchflow.api.Auth;
import dev.patchflow.api.Json;
import dev.patchflow.api.Paging;
import dev.patchflow.store.BundleRepository;
import dev.patchflow.store.Database;
import dev.patchflow.store.SubmissionQueries;
import dev.patchflow.store.SubmissionRow;
import dev.patchflow.users.Principal;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** /bundles/: read (public ones and your own), create, change and delete your own. */
final class BundlesResource {
  private final PwApi api;
  private final Database db;
  private final BundleRepository bundles = new BundleRepository();
  private final SubmissionQueries submissions = new SubmissionQueries();

  BundlesResource(PwApi api, Database db) {
    this.api = api;
    this.db = db;
  }

  void list(Context ctx) {
    long me = Auth.principal(ctx).userId();
    api.read(ctx, (pw, h) -> {
      List<BundleRepository.Bundle> all = bundles.visible(h, me, Params.projects(ctx, h), Params.ids(ctx, "owner"),
          Params.bool(ctx, "public"));
      Paging paging = Paging.of(ctx);
      List<BundleRepository.Bundle> rows = all.subList(Math.min(all.size(), paging.offset()),
          Math.min(all.size(), paging.offset() + paging.probe()));
      return render(pw, paging.respond(ctx, rows, all::size));
    });
  }

  void detail(Context ctx) {
    long me = Auth.principal(ctx).userId();
    api.read(ctx, (pw, h) -> render(pw, List.of(visible(h, Params.pathId(ctx, "id"), me))).get(0));
  }

  void create(Context ctx) {
    if (PwApi.version(ctx).explicit() && !PwApi.version(ctx).atLeast(2)) {
      throw new ApiException(405, "Method \"POST\" not allowed.");
    }
    Principal me = PwApi.login(ctx);
    JsonNode body = body(ctx);
    String name = body.path("name").asText("");
    if (name.isBlank()) {
      throw ApiException.badRequest("name: this field is required.");
    }
    List<Long> patches = patchIds(body);
    long id = db.jdbi().inTransaction(h -> {
      long project = project(h, patches);
      return bundles.create(h, me.userId(), project, name, body.path("public").asBoolean(false), patches);
    });
    ctx.status(201);
    api.read(ctx, (pw, h) -> render(pw, List.of(bundles.byId(h, id).orElseThrow())).get(0));
  }

  void update(Context ctx) {
    Principal me = PwApi.login(ctx);
    long id = Params.pathId(ctx, "id");
    JsonNode body = body(ctx);
    db.jdbi().useTransaction(h -> {
      own(h, id, me);
      List<Long> patches = body.has("patches") ? patchIds(body) : null;
      if (patches != null) {
        project(h, patches);
      }
      bundles.update(h, id, body.has("name") ? body.get("name").asText() : null,
          body.has("public") ? body.get("public").asBoolean() : null, patches);
    });
    api.read(ctx, (pw, h) -> render(pw, List.of(bundles.byId(h, id).orElseThrow())).get(0));
  }

  void delete(Context ctx) {
    Principal me = PwApi.login(ctx);
    long id = Params.pathId(ctx, "id");
    db.jdbi().useTransaction(h -> {
      own(h, id, me);
      bundles.delete(h, id);
    });
    ctx.status(204);
  }

  private BundleRepository.Bundle visible(org.jdbi.v3.core.Handle h, long id, long me) {
    BundleRepository.Bundle b = bundles.byId(h, id).orElseThrow(ApiException::notFound);
    if (!b.isPublic() && b.ownerId() != me) {
      throw ApiException.notFound();
    }
    return b;
  }

  private void own(org.jdbi.v3.core.Handle h, long id, Principal me) {
    BundleRepository.Bundle b = visible(h, id, me.userId());
    if (b.ownerId() != me.userId()) {
      throw ApiException.forbidden();
    }
  }

  private static JsonNode body(Context ctx) {
    Map<String, String> fields = ctx.contentType() != null && ctx.contentType().startsWith("application/json") ? null
        : PatchesResource.api(ctx);
    if (fields == null) {
      return Json.read(ctx.body().isBlank() ? "{}" : ctx.body());
    }
    var node = Json.MAPPER.createObjectNode();
    fields.forEach(node::put);
    if (ctx.formParams("patches").size() > 0) {
      var arr = node.putArray("patches");
      ctx.formParams("patches").forEach(arr::add);
    }
    return node;
  }

  private static List<Long> patchIds(JsonNode body) {
    List<Long> out = new ArrayList<>();
    body.path("patches").forEach(p -> out.add(p.asLong()));
    if (out.isEmpty()) {
      throw ApiException.badRequest("patches: a bundle needs at least one patch.");
    }
    return out;
  }

  /** All the patches must exist and come from one project, which the bundle belongs to. */
  private long project(org.jdbi.v3.core.Handle h, List<Long> patches) {
    long project = -1;
    for (long p : patches) {
      SubmissionRow r = submissions.byId(h, p, List.of("PATCH", "PULL_REQUEST"))
          .orElseThrow(() -> ApiException.badRequest("patches: no patch " + p + "."));
      if (project >= 0 && r.projectId() != project) {
        throw ApiException.badRequest("patches: bundle patches must all belong to the same project.");
      }
      project = r.projectId();
    }
    return project;
  }

  private List<Map<String, Object>> render(PwContext pw, List<BundleRepository.Bundle> rows) {
    Map<Long, List<Long>> patchesOf = bundles.patches(pw.h, rows.stream().map(BundleRepository.Bundle::id).toList());
    List<Map<String, Object>> out = new ArrayList<>();
    for (BundleRepository.Bundle b : rows) {
      String owner = pw.user(b.ownerId()).username();
      Map<String, Object> o = PwJson.object();
      o.put("id", b.id());
      o.put("url", pw.api("/bundles/" + b.id() + "/"));
      if (pw.version.atLeast(1)) {
        o.put("web_url", pw.base + "/bundle/" + owner + "/" + b.name() + "/");
      }
      o.put("project", pw.projectEmbedded(b.projectId()));
      o.put("name", b.name());
      o.put("owner", pw.userEmbedded(b.ownerId()));
      List<Map<String, Object>> patches = new ArrayList<>();
      for (long id : patchesOf.getOrDefault(b.id(), List.of())) {
        submissions.byId(pw.h, id, List.of("PATCH", "PULL_REQUEST")).ifPresent(r -> {
          Map<String, Object> p = PwJson.object();
          p.put("id", r.id());
          p.put("url", pw.api("/patches/" + r.id() + "/"));
          p.put("web_url", pw.patchWebUrl(r));
          p.put("msgid", PwJson.bracketed(r.msgid()));
          p.put("list_archive_url", pw.archiveUrl(r));
          p.put("date", PwJson.date(r.date()));
          p.put("name", r.name());
          p.put("mbox", pw.patchMbox(r));
          patches.add(p);
        });
      }
      o.put("patches", patches);
      o.put("public", b.isPublic());
      o.put("mbox", pw.base + "/bundle/" + owner + "/" + b.name() + "/mbox/");
      out.add(o);
    }
    return out;
  }
}
