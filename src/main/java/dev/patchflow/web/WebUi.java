package dev.patchflow.web;

import static dev.patchflow.api.ResponseCache.Scope.ANONYMOUS;
import static dev.patchflow.api.ResponseCache.Scope.PUBLIC;

import dev.patchflow.api.ApiException;
import dev.patchflow.api.ApiServer;
import dev.patchflow.api.Auth;
import dev.patchflow.api.LoginThrottle;
import dev.patchflow.api.ResponseCache;
import dev.patchflow.api.Urls;
import dev.patchflow.search.Query;
import dev.patchflow.search.QueryException;
import dev.patchflow.search.QueryParser;
import dev.patchflow.store.Database;
import dev.patchflow.store.ProjectDetails;
import dev.patchflow.store.ProjectRepository;
import dev.patchflow.store.SeriesBadges;
import dev.patchflow.store.SeriesQueries;
import dev.patchflow.store.SeriesRow;
import dev.patchflow.store.SubmissionQueries;
import dev.patchflow.store.SubmissionRow;
import dev.patchflow.tracking.Denied;
import dev.patchflow.tracking.Invalid;
import dev.patchflow.tracking.PatchActions;
import dev.patchflow.tracking.PatchChange;
import dev.patchflow.users.Principal;
import dev.patchflow.users.Users;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The web UI: server-rendered pages over the same store and services as the APIs. Every page
 * gets a strict Content-Security-Policy, so even a mail that slipped past escaping could not
 * run script.
 */
public final class WebUi implements ApiServer.Module {
  static final int PAGE = 50;
  static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(ZoneOffset.UTC);
  private final Database db;
  private final Clock clock;
  private final Pages pages = new Pages();
  private final Sessions sessions;
  private final PatchActions actions;
  private final SeriesPages seriesPages;
  private final PatchPages patchPages;
  private final TesterPages testerPages;
  private final BackportPages backportPages;

  public WebUi(Database db, Users users, Clock clock) {
    this(db, users, clock, null);
  }

  /** @param backportLogs the backport log directory, whose runs the backport pages show; null: no such pages */
  public WebUi(Database db, Users users, Clock clock, java.nio.file.Path backportLogs) {
    this.db = db;
    this.clock = clock;
    this.sessions = new Sessions(users, new LoginThrottle(clock));
    this.actions = new PatchActions(db, clock);
    this.seriesPages = new SeriesPages(db);
    this.patchPages = new PatchPages(db);
    this.testerPages = new TesterPages(db);
    this.backportPages = backportLogs == null ? null : new BackportPages(backportLogs);
  }

  @Override
  public void register(Javalin app, ResponseCache cache) {
    app.before(ctx -> {
      if (!ctx.path().startsWith("/api/")) {
        ctx.header("Content-Security-Policy", "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self'; "
            + "object-src 'none'; base-uri 'none'; frame-ancestors 'none'");
        ctx.header("X-Content-Type-Options", "nosniff");
      }
    });
    app.get("/", cache.wrap(ANONYMOUS, this::projects));
    app.get("/project/{project}/list/", cache.wrap(ANONYMOUS, this::projectSeries));
    app.get("/project/{project}/", ctx -> ctx.redirect("/project/" + ctx.pathParam("project") + "/list/"));
    app.get("/search", cache.wrap(ANONYMOUS, this::search));
    app.get("/help/search", ctx -> pages.render(ctx, "search_help.jte", Map.of("nav", nav(ctx, null))));
    app.get("/series/{id}/", cache.wrap(ANONYMOUS, ctx -> pages.render(ctx, "series.jte", Map.of("nav", nav(ctx, null),
        "s", seriesPages.page(id(ctx, "id"), Urls.base(ctx))))));
    app.get("/series/{from}/diff/{to}/", cache.wrap(ANONYMOUS, ctx -> pages.render(ctx, "version_diff.jte",
        Map.of("nav", nav(ctx, null), "d", seriesPages.diff(id(ctx, "from"), id(ctx, "to"))))));
    app.get("/project/{project}/patch/{msgid}/", cache.wrap(ANONYMOUS, ctx -> pages.render(ctx, "patch.jte",
        Map.of("nav", nav(ctx, null), "p", patchPages.page(ctx.pathParam("project"), ctx.pathParam("msgid"),
            Auth.principal(ctx), Urls.base(ctx))))));
    app.get("/project/{project}/cover/{msgid}/", cache.wrap(ANONYMOUS, this::cover));
    app.get("/project/{project}/badge.svg", cache.wrap(PUBLIC, ctx -> ctx.contentType("image/svg+xml; charset=utf-8")
        .header("Cache-Control", "public, max-age=60").result(testerPages.badge(ctx.pathParam("project")).svg())));
    // Not cached: check-ins do not move the store revision (see StoreRevision), and this page is cheap.
    app.get("/testers", ctx -> pages.render(ctx, "testers.jte", Map.of("nav", nav(ctx, null),
        "testers", testerPages.testers(), "bases", testerPages.baseTests())));
    // Not cached either: a running job's log chunks do not move the store revision.
    app.get("/jobs/{id}/", ctx -> pages.render(ctx, "job.jte", Map.of("nav", nav(ctx, null),
        "j", testerPages.job(id(ctx, "id")))));
    if (backportPages != null) {
      // Not cached: runs write files, not the store. Each page reads the log directory afresh.
      app.get("/backport/", ctx -> pages.render(ctx, "backport.jte", Map.of("nav", nav(ctx, null),
          "runs", backportPages.runs(), "summaries", backportPages.summaries())));
      app.get("/backport/runs/{id}/", ctx -> pages.render(ctx, "backport_run.jte", Map.of("nav", nav(ctx, null),
          "run", backportPages.run(ctx.pathParam("id")))));
      app.get("/backport/runs/{id}/files/<path>", ctx -> ctx.contentType("text/plain; charset=utf-8")
          .result(backportPages.file(ctx.pathParam("id"), ctx.pathParam("path"))));
    }
    app.get("/login", ctx -> pages.render(ctx, "login.jte", loginParams(ctx, null)));
    app.post("/login", this::login);
    app.post("/logout", ctx -> {
      sessions.logout(ctx);
      ctx.redirect("/");
    });
    app.post("/patch/{id}/update", this::update);
  }

  /**
   * The header. Only a logged-in user has forms in it (log out, the maintainer's), so only they
   * get a session: an anonymous reader's page is the same for everyone and can be cached.
   */
  private Nav nav(Context ctx, String project) {
    Principal p = Auth.principal(ctx);
    boolean backport = backportPages != null;
    return p.authenticated() ? new Nav(p.username(), sessions.csrf(ctx), ctx.queryParam("q"), project, backport)
        : new Nav(null, "", ctx.queryParam("q"), project, backport);
  }

  private void projects(Context ctx) {
    List<Views.ProjectItem> items = db.jdbi().withHandle(h -> h.createQuery("SELECT p.name, p.list_id, "
            + "(SELECT COUNT(*) FROM series s WHERE s.project_id = p.id) AS series, (SELECT COUNT(*) FROM message_project mp "
            + "JOIN message m ON m.id = mp.message_id WHERE mp.project_id = p.id AND m.kind IN ('PATCH', 'PULL_REQUEST')) "
            + "AS patches FROM project p ORDER BY p.name")
        .map((rs, c) -> new Views.ProjectItem(rs.getString(1), rs.getString(2), rs.getLong(3), rs.getLong(4))).list());
    pages.render(ctx, "projects.jte", Map.of("nav", nav(ctx, null), "projects", items));
  }

  private void projectSeries(Context ctx) {
    ProjectDetails p = db.jdbi().withHandle(h -> new ProjectRepository().details(h, ctx.pathParam("project")))
        .orElseThrow(() -> new ApiException(404, "No such project."));
    seriesList(ctx, p);
  }

  private void search(Context ctx) {
    seriesList(ctx, null);
  }

  private void seriesList(Context ctx, ProjectDetails project) {
    String q = ctx.queryParam("q") == null ? "" : ctx.queryParam("q");
    String asked = ctx.queryParam("sort");
    String sort = asked != null && List.of("date", "-date", "name", "-name").contains(asked) ? asked : "-date";
    int page = Math.max(1, parseInt(ctx.queryParam("page")));
    Views.SeriesList list;
    try {
      Query query = QueryParser.parse(q);
      list = db.jdbi().withHandle(h -> {
        SeriesQueries.RowFilter f = new SeriesQueries.RowFilter(project == null ? List.of() : List.of(project.id()),
            List.of(), List.of(), null, null, null, sort, query, clock.instant());
        List<SeriesRow> rows = new SeriesQueries().rows(h, f, PAGE + 1, (page - 1) * PAGE);
        boolean hasNext = rows.size() > PAGE;
        List<SeriesRow> shown = hasNext ? rows.subList(0, PAGE) : rows;
        List<Long> ids = shown.stream().map(SeriesRow::id).toList();
        SeriesBadges badges = new SeriesBadges();
        Map<Long, Set<String>> extra = badges.of(h, ids, clock.instant());
        Map<Long, String> checks = badges.checks(h, ids);
        List<Views.SeriesItem> items = new ArrayList<>();
        for (SeriesRow s : shown) {
          items.add(new Views.SeriesItem(s.id(), s.name(), s.version(), s.received(), s.total(), s.personName(),
              DATE.format(s.date()), badges(s, extra.getOrDefault(s.id(), Set.of())), checks.getOrDefault(s.id(), "")));
        }
        return new Views.SeriesList(project == null ? null : project.name(), items, q, page, hasNext, sort, null);
      });
    } catch (QueryException e) {
      ctx.status(400);
      list = new Views.SeriesList(project == null ? null : project.name(), List.of(), q, 1, false, sort, e.getMessage());
    }
    pages.render(ctx, "series_list.jte", Map.of("nav", nav(ctx, project == null ? null : project.name()), "list", list));
  }

  static List<String> badges(SeriesRow s, Set<String> extra) {
    List<String> out = new ArrayList<>();
    out.add(s.complete() ? "complete" : "incomplete");
    for (String b : List.of("reviewed", "applied", "merged", "tested")) {
      if (extra.contains(b)) {
        out.add(b);
      }
    }
    if (s.nextId() != null) {
      out.add("superseded");
    }
    return out;
  }

  private void cover(Context ctx) {
    SubmissionRow c = db.jdbi().withHandle(h -> new ProjectRepository().details(h, ctx.pathParam("project"))
        .flatMap(p -> new SubmissionQueries().byMsgid(h, p.id(), ctx.pathParam("msgid"))))
        .orElseThrow(() -> new ApiException(404, "No such cover letter."));
    if (c.seriesId() == null) {
      throw new ApiException(404, "No series for this cover letter.");
    }
    ctx.redirect("/series/" + c.seriesId() + "/");
  }

  private Map<String, Object> loginParams(Context ctx, String error) {
    Nav nav = nav(ctx, null);
    return Map.of("nav", new Nav(nav.username(), sessions.csrf(ctx), nav.query(), nav.project(), nav.backport()),
        "error", error == null ? "" : error);
  }

  private void login(Context ctx) {
    var error = sessions.login(ctx, ctx.formParam("username"), ctx.formParam("password"));
    if (error.isPresent()) {
      ctx.status(401);
      pages.render(ctx, "login.jte", loginParams(ctx, error.get()));
    } else {
      ctx.redirect("/");
    }
  }

  private void update(Context ctx) {
    sessions.checkCsrf(ctx);
    long id = id(ctx, "id");
    String delegate = ctx.formParam("delegate");
    PatchChange change = new PatchChange(ctx.formParam("state"),
        delegate == null || delegate.isBlank() ? null : delegate.strip(), delegate != null && delegate.isBlank(),
        "true".equals(ctx.formParam("archived")), null);
    SubmissionRow row;
    try {
      row = actions.update(Auth.principal(ctx), id, change);
    } catch (Denied e) {
      throw new ApiException(e.authenticated() ? 403 : 401, e.getMessage());
    } catch (Invalid e) {
      throw new ApiException(400, e.getMessage());
    }
    String project = db.jdbi().withHandle(h -> new ProjectRepository().details(h, Long.toString(row.projectId()))
        .orElseThrow().name());
    ctx.redirect("/project/" + project + "/patch/" + Urls.msgid(row.msgid()) + "/");
  }

  private static long id(Context ctx, String name) {
    try {
      return Long.parseLong(ctx.pathParam(name));
    } catch (NumberFormatException e) {
      throw new ApiException(404, "Not found.");
    }
  }

  private static int parseInt(String s) {
    try {
      return s == null ? 1 : Integer.parseInt(s);
    } catch (NumberFormatException e) {
      return 1;
    }
  }
}
