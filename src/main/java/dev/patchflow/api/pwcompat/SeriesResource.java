package dev.patchflow.api.pwcompat;

import dev.patchflow.api.ApiException;
import dev.patchflow.api.Paging;
import dev.patchflow.store.SeriesQueries;
import dev.patchflow.store.SeriesRow;
import dev.patchflow.store.SubmissionQueries;
import dev.patchflow.store.SubmissionRow;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** /series/: list and detail (read-only, as in Patchwork). */
final class SeriesResource {
  private static final List<String> ORDERS = List.of("id", "-id", "date", "-date", "name", "-name");
  private final PwApi api;
  private final SeriesQueries series = new SeriesQueries();
  private final SubmissionQueries submissions = new SubmissionQueries();

  SeriesResource(PwApi api) {
    this.api = api;
  }

  void list(Context ctx) {
    api.read(ctx, (pw, h) -> {
      Params.Submitters submitters = Params.submitters(ctx);
      SeriesQueries.RowFilter f = new SeriesQueries.RowFilter(Params.projects(ctx, h), submitters.ids(), submitters.emails(),
          Params.time(ctx, "since"), Params.time(ctx, "before"), Params.one(ctx, "q"),
          Objects.requireNonNullElse(Params.order(ctx, ORDERS), "id"));
      Paging paging = Paging.of(ctx);
      List<SeriesRow> rows = series.rows(h, f, paging.probe(), paging.offset());
      return render(pw, paging.respond(ctx, rows, () -> series.countRows(h, f)));
    });
  }

  void detail(Context ctx) {
    api.read(ctx, (pw, h) -> render(pw, List.of(series.row(h, Params.pathId(ctx, "id"))
        .orElseThrow(ApiException::notFound))).get(0));
  }

  List<Map<String, Object>> render(PwContext pw, List<SeriesRow> rows) {
    List<Long> ids = rows.stream().map(SeriesRow::id).toList();
    Map<Long, List<SubmissionRow>> patches = submissions.ofSeries(pw.h, ids, "patch");
    Map<Long, List<SubmissionRow>> covers = submissions.ofSeries(pw.h, ids, "cover");
    List<Map<String, Object>> out = new ArrayList<>();
    for (SeriesRow s : rows) {
      Map<String, Object> o = PwJson.object();
      o.put("id", s.id());
      o.put("url", pw.api("/series/" + s.id() + "/"));
      if (pw.version.atLeast(1)) {
        o.put("web_url", pw.seriesWebUrl(s.id()));
      }
      o.put("project", pw.projectEmbedded(s.projectId()));
      o.put("name", s.name());
      o.put("date", PwJson.date(s.date()));
      o.put("submitter", pw.person(s.personId(), s.personName(), s.personEmail()));
      o.put("version", s.version());
      o.put("total", s.total());
      o.put("received_total", s.received());
      o.put("received_all", s.complete());
      o.put("mbox", pw.seriesMbox(s.id()));
      List<SubmissionRow> cover = covers.getOrDefault(s.id(), List.of());
      o.put("cover_letter", cover.isEmpty() ? null : member(pw, cover.get(0), false));
      List<Map<String, Object>> ps = new ArrayList<>();
      for (SubmissionRow p : patches.getOrDefault(s.id(), List.of())) {
        ps.add(member(pw, p, true));
      }
      o.put("patches", ps);
      out.add(o);
    }
    return out;
  }

  /** A patch or cover as a series lists it. */
  private static Map<String, Object> member(PwContext pw, SubmissionRow r, boolean patch) {
    Map<String, Object> o = PwJson.object();
    o.put("id", r.id());
    o.put("url", pw.api((patch ? "/patches/" : "/covers/") + r.id() + "/"));
    if (pw.version.atLeast(1)) {
      o.put("web_url", patch ? pw.patchWebUrl(r) : pw.coverWebUrl(r));
    }
    o.put("msgid", PwJson.bracketed(r.msgid()));
    if (pw.version.atLeast(2)) {
      o.put("list_archive_url", pw.archiveUrl(r));
    }
    o.put("date", PwJson.date(r.date()));
    o.put("name", r.name());
    if (patch || pw.version.atLeast(1)) {
      o.put("mbox", patch ? pw.patchMbox(r) : pw.coverMbox(r));
    }
    return o;
  }
}
