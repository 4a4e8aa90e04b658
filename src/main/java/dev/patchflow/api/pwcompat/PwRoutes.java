package dev.patchflow.api.pwcompat;

import static dev.patchflow.api.ResponseCache.Scope.PUBLIC;

import dev.patchflow.api.ResponseCache;
import dev.patchflow.store.Database;
import dev.patchflow.tracking.CheckActions;
import dev.patchflow.tracking.PatchActions;
import io.javalin.Javalin;
import java.util.List;

/** The Patchwork-compatible API, /api/ (newest) and /api/1.0/ to /api/1.3/, in one table. */
public final class PwRoutes {
  private PwRoutes() {}

  public static void register(Javalin app, Database db, ResponseCache cache, PatchActions patchActions,
      CheckActions checkActions) {
    PwApi api = new PwApi(db);
    ProjectsResource projects = new ProjectsResource(api);
    PatchesResource patches = new PatchesResource(api, patchActions);
    CoversResource covers = new CoversResource(api);
    SeriesResource series = new SeriesResource(api);
    CommentsResource comments = new CommentsResource(api);
    ChecksResource checks = new ChecksResource(api, checkActions);
    EventsResource events = new EventsResource(api);
    PeopleResource people = new PeopleResource(api);
    BundlesResource bundles = new BundlesResource(api, db);

    for (String v : List.of("", "1.0", "1.1", "1.2", "1.3")) {
      String p = v.isEmpty() ? "/api" : "/api/" + v;
      PwVersion version = v.isEmpty() ? PwVersion.LATEST : PwVersion.of(v);
      app.before(p + "/*", ctx -> ctx.attribute(PwApi.VERSION, version));
      app.get(p + "/", ctx -> index(ctx, version));
      app.get(p + "/projects/", cache.conditional(PUBLIC, projects::list));
      app.get(p + "/projects/{id}/", cache.conditional(PUBLIC, projects::detail));
      app.get(p + "/people/", people::people);
      app.get(p + "/people/{id}/", people::person);
      app.get(p + "/users/", people::users);
      app.get(p + "/users/{id}/", people::user);
      app.get(p + "/patches/", cache.conditional(PUBLIC, patches::list));
      app.get(p + "/patches/{id}/", cache.conditional(PUBLIC, patches::detail));
      app.patch(p + "/patches/{id}/", patches::update);
      app.put(p + "/patches/{id}/", patches::update);
      app.get(p + "/patches/{id}/checks/", cache.conditional(PUBLIC, checks::list));
      app.post(p + "/patches/{id}/checks/", checks::create);
      app.get(p + "/patches/{id}/checks/{cid}/", cache.conditional(PUBLIC, checks::detail));
      app.get(p + "/patches/{id}/comments/", cache.conditional(PUBLIC, comments::listForPatch));
      app.get(p + "/patches/{id}/comments/{cid}/", cache.conditional(PUBLIC, comments::detailForPatch));
      app.get(p + "/covers/", cache.conditional(PUBLIC, covers::list));
      app.get(p + "/covers/{id}/", cache.conditional(PUBLIC, covers::detail));
      app.get(p + "/covers/{id}/comments/", cache.conditional(PUBLIC, comments::listForCover));
      app.get(p + "/covers/{id}/comments/{cid}/", cache.conditional(PUBLIC, comments::detailForCover));
      app.get(p + "/series/", cache.conditional(PUBLIC, series::list));
      app.get(p + "/series/{id}/", cache.conditional(PUBLIC, series::detail));
      app.get(p + "/events/", cache.conditional(PUBLIC, events::list));
      app.get(p + "/bundles/", bundles::list);
      app.post(p + "/bundles/", bundles::create);
      app.get(p + "/bundles/{id}/", bundles::detail);
      app.patch(p + "/bundles/{id}/", bundles::update);
      app.put(p + "/bundles/{id}/", bundles::update);
      app.delete(p + "/bundles/{id}/", bundles::delete);
    }
    MboxResource mbox = new MboxResource(db);
    app.get("/series/{id}/mbox/", mbox::series);
    app.get("/patch/{id}/mbox/", mbox::patchById);
    app.get("/project/{project}/patch/{msgid}/mbox/", mbox::patch);
    app.get("/project/{project}/cover/{msgid}/mbox/", mbox::cover);
    app.get("/bundle/{owner}/{name}/mbox/", mbox::bundle);
  }

  private static void index(io.javalin.http.Context ctx, PwVersion version) {
    String base = dev.patchflow.api.Urls.base(ctx) + version.prefix();
    var o = PwJson.object();
    for (String r : List.of("bundles", "covers", "events", "patches", "people", "projects", "series", "users")) {
      o.put(r, base + "/" + r + "/");
    }
    PwApi.json(ctx, o);
  }

}
