package dev.patchflow.api.pwcompat;

import dev.patchflow.api.Paging;
import dev.patchflow.store.CheckRepository;
import dev.patchflow.store.EventRepository;
import dev.patchflow.store.SeriesQueries;
import dev.patchflow.store.SubmissionQueries;
import dev.patchflow.store.SubmissionRow;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** /events/: what happened, newest first, with the payload each category carries. */
final class EventsResource {
  private final PwApi api;
  private final EventRepository events = new EventRepository();

  EventsResource(PwApi api) {
    this.api = api;
  }

  void list(Context ctx) {
    api.read(ctx, (pw, h) -> {
      EventRepository.Filter f = new EventRepository.Filter(Params.projects(ctx, h), Params.all(ctx, "category"),
          Params.ids(ctx, "series"), Params.ids(ctx, "patch"), Params.ids(ctx, "cover"), Params.ids(ctx, "actor"),
          Params.time(ctx, "since"), Params.time(ctx, "before"));
      Paging paging = Paging.of(ctx);
      List<EventRepository.Event> rows = events.list(h, f, paging.probe(), paging.offset());
      List<EventRepository.Event> page = paging.respond(ctx, rows, () -> paging.offset() + rows.size());
      List<Map<String, Object>> out = new ArrayList<>();
      for (EventRepository.Event e : page) {
        out.add(render(pw, e));
      }
      return out;
    });
  }

  private Map<String, Object> render(PwContext pw, EventRepository.Event e) {
    Map<String, Object> o = PwJson.object();
    o.put("id", e.id());
    o.put("category", e.category());
    o.put("project", pw.projectEmbedded(e.projectId()));
    o.put("date", PwJson.date(e.date()));
    if (pw.version.atLeast(2)) {
      o.put("actor", pw.userEmbedded(e.actorId()));
    }
    Map<String, Object> payload = PwJson.object();
    SubmissionQueries submissions = new SubmissionQueries();
    if (e.patchId() != null) {
      submissions.byId(pw.h, e.patchId(), List.of("PATCH", "PULL_REQUEST"))
          .ifPresent(p -> payload.put("patch", submission(pw, p, "/patches/")));
    }
    if (e.coverId() != null) {
      submissions.byId(pw.h, e.coverId(), List.of("COVER")).ifPresent(c -> payload.put("cover", submission(pw, c, "/covers/")));
    }
    if (e.seriesId() != null) {
      new SeriesQueries().row(pw.h, e.seriesId()).ifPresent(s -> payload.put("series", pw.seriesEmbedded(s)));
    }
    if (e.checkId() != null && e.patchId() != null) {
      new CheckRepository().byId(pw.h, e.patchId(), e.checkId())
          .ifPresent(c -> payload.put("check", ChecksResource.renderAll(pw, List.of(c)).get(0)));
    }
    if (e.category().equals("patch-state-changed")) {
      payload.put("previous_state", e.previousState() == null ? null : pw.state(e.previousState()).slug());
      payload.put("current_state", e.currentState() == null ? null : pw.state(e.currentState()).slug());
    }
    if (e.category().equals("patch-delegated")) {
      payload.put("previous_delegate", pw.userEmbedded(e.previousDelegate()));
      payload.put("current_delegate", pw.userEmbedded(e.currentDelegate()));
    }
    o.put("payload", payload);
    return o;
  }

  private static Map<String, Object> submission(PwContext pw, SubmissionRow r, String path) {
    Map<String, Object> o = PwJson.object();
    o.put("id", r.id());
    o.put("url", pw.api(path + r.id() + "/"));
    o.put("web_url", path.equals("/patches/") ? pw.patchWebUrl(r) : pw.coverWebUrl(r));
    o.put("msgid", PwJson.bracketed(r.msgid()));
    o.put("list_archive_url", pw.archiveUrl(r));
    o.put("date", PwJson.date(r.date()));
    o.put("name", r.name());
    o.put("mbox", path.equals("/patches/") ? pw.patchMbox(r) : pw.coverMbox(r));
    return o;
  }
}
