package dev.patchflow.api.pwcompat;

import dev.patchflow.api.ApiException;
import dev.patchflow.api.Auth;
import dev.patchflow.api.Json;
import dev.patchflow.api.Paging;
import dev.patchflow.store.CheckRepository;
import dev.patchflow.store.SeriesRow;
import dev.patchflow.store.StateRepository;
import dev.patchflow.store.SubmissionFilter;
import dev.patchflow.store.SubmissionQueries;
import dev.patchflow.store.SubmissionRow;
import dev.patchflow.store.UserRepository;
import dev.patchflow.tracking.PatchActions;
import dev.patchflow.tracking.PatchChange;
import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/** /patches/: list, detail, and maintainers' updates. */
final class PatchesResource {
  private static final List<String> ORDERS = List.of("id", "-id", "date", "-date", "name", "-name");
  private final PwApi api;
  private final PatchActions actions;
  private final SubmissionQueries submissions = new SubmissionQueries();

  PatchesResource(PwApi api, PatchActions actions) {
    this.api = api;
    this.actions = actions;
  }

  void list(Context ctx) {
    api.read(ctx, (pw, h) -> {
      SubmissionFilter f = filter(ctx, pw);
      Paging paging = Paging.of(ctx);
      List<SubmissionRow> rows = submissions.list(h, f, paging.probe(), paging.offset());
      List<SubmissionRow> page = paging.respond(ctx, rows, () -> submissions.count(h, f));
      return render(pw, page, false);
    });
  }

  void detail(Context ctx) {
    api.read(ctx, (pw, h) -> {
      SubmissionRow row = submissions.byId(h, Params.pathId(ctx, "id"), List.of("PATCH", "PULL_REQUEST"))
          .orElseThrow(ApiException::notFound);
      return render(pw, List.of(row), true).get(0);
    });
  }

  void update(Context ctx) {
    PatchChange change = change(ctx);
    SubmissionRow updated = api.act(() -> actions.update(Auth.principal(ctx), Params.pathId(ctx, "id"), change));
    api.read(ctx, (pw, h) -> render(pw, List.of(updated), true).get(0));
  }

  private static PatchChange change(Context ctx) {
    Map<String, String> fields = api(ctx);
    String delegate = fields.get("delegate");
    boolean clear = fields.containsKey("delegate") && (delegate == null || delegate.isEmpty());
    Boolean archived = fields.get("archived") == null ? null
        : Boolean.valueOf(fields.get("archived").equalsIgnoreCase("true") || fields.get("archived").equals("1"));
    return new PatchChange(fields.get("state"), clear ? null : delegate, clear, archived, fields.get("commit_ref"));
  }

  /** The body as fields, from JSON or a form; a write without a content type is refused. */
  static Map<String, String> api(Context ctx) {
    String type = ctx.contentType() == null ? "" : ctx.contentType().toLowerCase(Locale.ROOT);
    Map<String, String> out = new HashMap<>();
    if (type.startsWith("application/json")) {
      JsonNode node = Json.read(ctx.body().isBlank() ? "{}" : ctx.body());
      node.fields().forEachRemaining(e -> out.put(e.getKey(), e.getValue().isNull() ? null : e.getValue().asText()));
    } else if (type.startsWith("application/x-www-form-urlencoded") || type.startsWith("multipart/form-data")) {
      ctx.formParamMap().forEach((k, v) -> out.put(k, v.isEmpty() ? null : v.get(0)));
    } else {
      throw new ApiException(415, "Unsupported media type \"" + type + "\" in request.");
    }
    return out;
  }

  private static SubmissionFilter filter(Context ctx, PwContext pw) {
    List<Long> projects = Params.projects(ctx, pw.h);
    Params.Submitters submitters = Params.submitters(ctx);
    List<Long> delegates = new ArrayList<>();
    UserRepository users = new UserRepository();
    for (String d : Params.all(ctx, "delegate")) {
      if (d.matches("\\d+")) {
        delegates.add(Long.parseLong(d));
      } else {
        users.byUsername(pw.h, d).ifPresent(u -> delegates.add(u.id()));
      }
    }
    if (!Params.all(ctx, "delegate").isEmpty() && delegates.isEmpty()) {
      throw new Params.NoMatch();
    }
    List<Integer> states = new ArrayList<>();
    for (String s : Params.all(ctx, "state")) {
      for (StateRepository.State st : pw.allStates()) {
        boolean named = st.slug().equalsIgnoreCase(s) || st.name().equalsIgnoreCase(s);
        if (named || Integer.toString(st.id()).equals(s)) {
          states.add(st.id());
        }
      }
    }
    if (!Params.all(ctx, "state").isEmpty() && states.isEmpty()) {
      throw new Params.NoMatch();
    }
    List<String> msgids = Params.all(ctx, "msgid").stream().map(m -> m.replaceAll("^<|>$", "")).toList();
    return new SubmissionFilter(List.of("PATCH", "PULL_REQUEST"), projects, Params.ids(ctx, "series"), submitters.ids(),
        submitters.emails(), delegates, states, Params.bool(ctx, "archived"), Params.all(ctx, "hash"), msgids,
        Params.time(ctx, "since"), Params.time(ctx, "before"), Params.one(ctx, "q"), null,
        Objects.requireNonNullElse(Params.order(ctx, ORDERS), "id"));
  }

  /** Patches as Patchwork shows them, with their series and combined checks looked up once per page. */
  List<Map<String, Object>> render(PwContext pw, List<SubmissionRow> rows, boolean detail) {
    Map<Long, SeriesRow> series = pw.seriesOf(rows);
    Map<Long, List<CheckRepository.Check>> checks =
        new CheckRepository().forPatches(pw.h, rows.stream().map(SubmissionRow::id).toList());
    List<Map<String, Object>> out = new ArrayList<>();
    for (SubmissionRow r : rows) {
      Map<String, Object> o = PwJson.object();
      o.put("id", r.id());
      o.put("url", pw.api("/patches/" + r.id() + "/"));
      if (pw.version.atLeast(1)) {
        o.put("web_url", pw.patchWebUrl(r));
      }
      o.put("project", pw.projectEmbedded(r.projectId()));
      o.put("msgid", PwJson.bracketed(r.msgid()));
      if (pw.version.atLeast(2)) {
        o.put("list_archive_url", pw.archiveUrl(r));
      }
      o.put("date", PwJson.date(r.date()));
      o.put("name", r.name());
      o.put("commit_ref", r.commitRef());
      o.put("pull_url", r.pullUrl());
      o.put("state", pw.state(r.stateId()).slug());
      o.put("archived", r.archived());
      o.put("hash", r.hash());
      o.put("submitter", pw.person(r.personId(), r.personName(), r.personEmail()));
      o.put("delegate", pw.userEmbedded(r.delegateId()));
      o.put("mbox", pw.patchMbox(r));
      o.put("series", pw.inSeries(r, series));
      if (pw.version.atLeast(1)) {
        o.put("comments", pw.unversioned("/patches/" + r.id() + "/comments/"));
      }
      o.put("check", CheckRepository.combined(checks.getOrDefault(r.id(), List.of())));
      o.put("checks", pw.unversioned("/patches/" + r.id() + "/checks/"));
      o.put("tags", PwJson.object());
      if (pw.version.atLeast(2)) {
        o.put("related", List.of());
      }
      if (detail) {
        SubmissionQueries.Body body = new SubmissionQueries().body(pw.h, r.messageId()).orElseThrow();
        o.put("headers", PwJson.headers(body.raw()));
        o.put("content", body.content());
        o.put("diff", body.diff());
        o.put("prefixes", prefixes(r));
      }
      out.add(o);
    }
    return out;
  }

  static List<String> prefixes(SubmissionRow r) {
    List<String> out = new ArrayList<>(r.subject().prefixes());
    if (r.subject().number() != null) {
      out.add(r.subject().number() + "/" + r.subject().total());
    }
    return out;
  }
}
