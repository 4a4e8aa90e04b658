package dev.patchflow.api.pwcompat;

import dev.patchflow.api.ApiException;
import dev.patchflow.api.Paging;
import dev.patchflow.store.SeriesRow;
import dev.patchflow.store.SubmissionFilter;
import dev.patchflow.store.SubmissionQueries;
import dev.patchflow.store.SubmissionRow;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** /covers/: cover letters, list and detail. */
final class CoversResource {
  private static final List<String> ORDERS = List.of("id", "-id", "date", "-date", "name", "-name");
  private final PwApi api;
  private final SubmissionQueries submissions = new SubmissionQueries();

  CoversResource(PwApi api) {
    this.api = api;
  }

  void list(Context ctx) {
    api.read(ctx, (pw, h) -> {
      Params.Submitters submitters = Params.submitters(ctx);
      SubmissionFilter f = new SubmissionFilter(List.of("COVER"), Params.projects(ctx, h), Params.ids(ctx, "series"),
          submitters.ids(), submitters.emails(), List.of(), List.of(), null, List.of(),
          Params.all(ctx, "msgid").stream().map(m -> m.replaceAll("^<|>$", "")).toList(), Params.time(ctx, "since"),
          Params.time(ctx, "before"), Params.one(ctx, "q"), null, Objects.requireNonNullElse(Params.order(ctx, ORDERS), "id"));
      Paging paging = Paging.of(ctx);
      List<SubmissionRow> rows = submissions.list(h, f, paging.probe(), paging.offset());
      return render(pw, paging.respond(ctx, rows, () -> submissions.count(h, f)), false);
    });
  }

  void detail(Context ctx) {
    api.read(ctx, (pw, h) -> render(pw, List.of(submissions.byId(h, Params.pathId(ctx, "id"), List.of("COVER"))
        .orElseThrow(ApiException::notFound)), true).get(0));
  }

  private List<Map<String, Object>> render(PwContext pw, List<SubmissionRow> rows, boolean detail) {
    Map<Long, SeriesRow> series = pw.seriesOf(rows);
    List<Map<String, Object>> out = new ArrayList<>();
    for (SubmissionRow r : rows) {
      Map<String, Object> o = PwJson.object();
      o.put("id", r.id());
      o.put("url", pw.api("/covers/" + r.id() + "/"));
      if (pw.version.atLeast(1)) {
        o.put("web_url", pw.coverWebUrl(r));
      }
      o.put("project", pw.projectEmbedded(r.projectId()));
      o.put("msgid", PwJson.bracketed(r.msgid()));
      if (pw.version.atLeast(2)) {
        o.put("list_archive_url", pw.archiveUrl(r));
      }
      o.put("date", PwJson.date(r.date()));
      o.put("name", r.name());
      o.put("submitter", pw.person(r.personId(), r.personName(), r.personEmail()));
      if (pw.version.atLeast(1)) {
        o.put("mbox", pw.coverMbox(r));
      }
      o.put("series", pw.inSeries(r, series));
      if (pw.version.atLeast(1)) {
        o.put("comments", pw.unversioned("/covers/" + r.id() + "/comments/"));
      }
      if (detail) {
        SubmissionQueries.Body body = submissions.body(pw.h, r.messageId()).orElseThrow();
        o.put("headers", PwJson.headers(body.raw()));
        o.put("content", body.content());
      }
      out.add(o);
    }
    return out;
  }
}
