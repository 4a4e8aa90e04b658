package dev.patchflow.api.v1;

import static dev.patchflow.api.ResponseCache.Scope.PUBLIC;

import dev.patchflow.api.ApiException;
import dev.patchflow.api.ResponseCache;
import dev.patchflow.api.ApiServer;
import dev.patchflow.api.Auth;
import dev.patchflow.api.Json;
import dev.patchflow.config.Config;
import dev.patchflow.intake.ImportProgress;
import dev.patchflow.intake.ImportSummary;
import dev.patchflow.intake.Importer;
import dev.patchflow.intake.MailSource;
import dev.patchflow.intake.ProjectRouter;
import dev.patchflow.intake.RawMail;
import dev.patchflow.mail.MailParseException;
import dev.patchflow.mail.MailParser;
import dev.patchflow.search.Query;
import dev.patchflow.search.QueryException;
import dev.patchflow.search.QueryParser;
import dev.patchflow.store.Database;
import dev.patchflow.store.ProjectDetails;
import dev.patchflow.store.ProjectRepository;
import dev.patchflow.store.ResultRepository;
import dev.patchflow.store.SeriesQueries;
import dev.patchflow.store.SeriesRow;
import dev.patchflow.users.Principal;
import dev.patchflow.users.Role;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The native API (/api/v1): what importers and testers need and Patchwork lacks. Raw mail in,
 * series with versions, replies, trailers and results out, a search language, and results per
 * series. Anonymous writes get 401, writes without the role 403.
 */
public final class NativeApi implements ApiServer.Module {
  private final Database db;
  private final Config config;
  private final Clock clock;
  private final SeriesQueries series = new SeriesQueries();
  private final ResultRepository results = new ResultRepository();
  private final SeriesView view = new SeriesView();

  public NativeApi(Database db, Config config, Clock clock) {
    this.db = db;
    this.config = config;
    this.clock = clock;
  }

  @Override
  public void register(Javalin app, ResponseCache cache) {
    app.post("/api/v1/messages", this::postMessage);
    app.get("/api/v1/projects", this::projects);
    app.get("/api/v1/projects/{name}/config", this::projectConfig);
    app.get("/api/v1/series", cache.wrap(PUBLIC, this::listSeries));
    app.get("/api/v1/series/{id}", cache.wrap(PUBLIC, this::oneSeries));
    app.get("/api/v1/series/{id}/results", cache.wrap(PUBLIC, this::listResults));
    app.put("/api/v1/series/{id}/results/{name}", this::putResult);
  }

  private static Principal need(Context ctx, Role role, long projectId) {
    Principal p = Auth.principal(ctx);
    if (!p.authenticated()) {
      throw ApiException.notAuthenticated();
    }
    boolean ok = projectId < 0 ? p.hasAnywhere(role) : p.has(role, projectId);
    if (!ok) {
      throw ApiException.forbidden();
    }
    return p;
  }

  /** An importer posts one raw mail; it is routed, stored and threaded like any imported mail. */
  private void postMessage(Context ctx) throws Exception {
    need(ctx, Role.IMPORTER, -1);
    String type = ctx.contentType() == null ? "" : ctx.contentType();
    if (!type.startsWith("message/rfc822")) {
      throw new ApiException(415, "POST the mail itself, as message/rfc822");
    }
    byte[] raw = ctx.bodyAsBytes();
    String msgid;
    try {
      msgid = MailParser.parse(raw).messageId();
    } catch (MailParseException e) {
      msgid = null; // quarantined below, with the reason
    }
    Importer importer = new Importer(db, new ProjectRouter(config.projects(), config.intake().unmatchedOrDefault()),
        1, clock);
    ImportSummary s = importer.importAll(List.of(new OneMail(new RawMail(raw, "api:" + ctx.ip()))), ImportProgress.NONE);
    Map<String, Object> o = Json.object();
    o.put("message_id", msgid);
    o.put("stored", s.stored() == 1);
    o.put("duplicate", s.duplicates() == 1);
    o.put("quarantined", s.quarantined() == 1);
    o.put("series_created", s.series().created());
    o.put("series_updated", s.series().updated());
    ctx.status(s.stored() == 1 ? 201 : 200).contentType("application/json").result(Json.write(o));
  }

  private void projects(Context ctx) {
    List<Map<String, Object>> out = new ArrayList<>();
    db.jdbi().useHandle(h -> new ProjectRepository().details(h).forEach(p -> {
      Map<String, Object> o = Json.object();
      o.put("id", p.id());
      o.put("name", p.name());
      o.put("list_id", p.listId());
      o.put("list_email", p.listEmail());
      out.add(o);
    }));
    ctx.contentType("application/json").result(Json.write(out));
  }

  /** What the configuration says about a project: its lists and prefix rules. */
  private void projectConfig(Context ctx) {
    ProjectDetails p = db.jdbi().withHandle(h -> new ProjectRepository().details(h, ctx.pathParam("name")))
        .orElseThrow(ApiException::notFound);
    Map<String, Object> o = Json.object();
    o.put("name", p.name());
    o.put("list_id", p.listId());
    config.projects().stream().filter(c -> c.name().equals(p.name())).findFirst().ifPresent(c -> {
      o.put("list_emails", c.listEmails());
      o.put("prefixes", c.prefixes());
    });
    ctx.contentType("application/json").result(Json.write(o));
  }

  private void listSeries(Context ctx) {
    Query q;
    try {
      q = QueryParser.parse(ctx.queryParam("q"));
    } catch (QueryException e) {
      Map<String, Object> o = Json.object();
      o.put("detail", e.getMessage());
      o.put("position", e.position());
      ctx.status(400).contentType("application/json").result(Json.write(o));
      return;
    }
    int limit = Math.max(1, Math.min(200, intParam(ctx, "limit", 50)));
    int offset = Math.max(0, intParam(ctx, "offset", 0));
    Map<String, Object> page = db.jdbi().withHandle(h -> {
      List<Long> projects = new ArrayList<>();
      String project = ctx.queryParam("project");
      if (project != null) {
        projects.add(new ProjectRepository().details(h, project).orElseThrow(ApiException::notFound).id());
      }
      SeriesQueries.RowFilter f = new SeriesQueries.RowFilter(projects, List.of(), List.of(), null, null, null, "-date",
          q, clock.instant());
      List<SeriesRow> rows = series.rows(h, f, limit + 1, offset);
      Map<String, Object> o = Json.object();
      o.put("count", series.countRows(h, f));
      o.put("next", rows.size() > limit ? link(ctx, offset + limit, limit) : null);
      o.put("previous", offset > 0 ? link(ctx, Math.max(0, offset - limit), limit) : null);
      o.put("results", view.render(h, rows.size() > limit ? rows.subList(0, limit) : rows, false));
      return o;
    });
    ctx.contentType("application/json").result(Json.write(page));
  }

  private void oneSeries(Context ctx) {
    long id = pathId(ctx);
    Object o = db.jdbi().withHandle(h -> view.render(h, List.of(series.row(h, id).orElseThrow(ApiException::notFound)),
        true).get(0));
    ctx.contentType("application/json").result(Json.write(o));
  }

  private void listResults(Context ctx) {
    long id = pathId(ctx);
    Object o = db.jdbi().withHandle(h -> {
      series.row(h, id).orElseThrow(ApiException::notFound);
      return SeriesView.results(results.forSeries(h, List.of(id)).getOrDefault(id, List.of()));
    });
    ctx.contentType("application/json").result(Json.write(o));
  }

  /** Testers and maintainers report results: {"status": ..., "log_url": ..., "data": ...}. */
  private void putResult(Context ctx) {
    long id = pathId(ctx);
    SeriesRow s = db.jdbi().withHandle(h -> series.row(h, id)).orElseThrow(ApiException::notFound);
    Principal p = Auth.principal(ctx);
    if (!p.authenticated()) {
      throw ApiException.notAuthenticated();
    }
    if (!p.has(Role.TESTER, s.projectId()) && !p.has(Role.MAINTAINER, s.projectId())) {
      throw ApiException.forbidden();
    }
    var body = Json.read(ctx.body());
    String status = body.path("status").asText(null);
    if (status == null || !ResultRepository.STATUSES.contains(status)) {
      throw ApiException.badRequest("status: one of " + String.join(", ", ResultRepository.STATUSES));
    }
    String name = ctx.pathParam("name");
    if (!name.matches("[A-Za-z0-9._-]{1,200}")) {
      throw ApiException.badRequest("name: letters, digits, '.', '_' and '-' only");
    }
    db.jdbi().useTransaction(h -> results.put(h, id, name, status, body.path("log_url").asText(null),
        body.has("data") ? body.get("data").toString() : null, clock.instant()));
    listResults(ctx);
  }

  private static long pathId(Context ctx) {
    try {
      return Long.parseLong(ctx.pathParam("id"));
    } catch (NumberFormatException e) {
      throw ApiException.notFound();
    }
  }

  private static int intParam(Context ctx, String name, int fallback) {
    try {
      return ctx.queryParam(name) == null ? fallback : Integer.parseInt(ctx.queryParam(name));
    } catch (NumberFormatException e) {
      throw ApiException.badRequest(name + ": a number");
    }
  }

  private static String link(Context ctx, int offset, int limit) {
    String q = ctx.queryParam("q");
    return dev.patchflow.api.Urls.base(ctx) + ctx.path() + "?limit=" + limit + "&offset=" + offset
        + (q == null ? "" : "&q=" + java.net.URLEncoder.encode(q, java.nio.charset.StandardCharsets.UTF_8));
  }

  /** A source of exactly one mail. */
  private static final class OneMail implements MailSource {
    private RawMail mail;
    private final long size;

    OneMail(RawMail mail) {
      this.mail = mail;
      this.size = mail.bytes().length;
    }

    @Override
    public RawMail next() {
      RawMail m = mail;
      mail = null;
      return m;
    }

    @Override
    public long position() {
      return mail == null ? size : 0;
    }

    @Override
    public long size() {
      return size;
    }

    @Override
    public void close() {}
  }
}
