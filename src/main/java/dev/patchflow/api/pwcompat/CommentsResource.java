package dev.patchflow.api.pwcompat;

import dev.patchflow.api.ApiException;
import dev.patchflow.api.Paging;
import dev.patchflow.store.SubmissionFilter;
import dev.patchflow.store.SubmissionQueries;
import dev.patchflow.store.SubmissionRow;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** /patches/{id}/comments/ and /covers/{id}/comments/: the replies threaded under them. */
final class CommentsResource {
  private final PwApi api;
  private final SubmissionQueries submissions = new SubmissionQueries();

  CommentsResource(PwApi api) {
    this.api = api;
  }

  void listForPatch(Context ctx) {
    list(ctx, List.of("PATCH", "PULL_REQUEST"), "patches");
  }

  void listForCover(Context ctx) {
    list(ctx, List.of("COVER"), "covers");
  }

  void detailForPatch(Context ctx) {
    detail(ctx, List.of("PATCH", "PULL_REQUEST"), "patches");
  }

  void detailForCover(Context ctx) {
    detail(ctx, List.of("COVER"), "covers");
  }

  private void list(Context ctx, List<String> parentKinds, String parentPath) {
    if (PwApi.version(ctx).explicit() && !PwApi.version(ctx).atLeast(1)) {
      throw ApiException.notFound();
    }
    api.read(ctx, (pw, h) -> {
      SubmissionRow parent = submissions.byId(h, Params.pathId(ctx, "id"), parentKinds).orElseThrow(ApiException::notFound);
      SubmissionFilter f = new SubmissionFilter(List.of("COMMENT"), List.of(parent.projectId()), List.of(), List.of(),
          List.of(), List.of(), List.of(), null, List.of(), List.of(), null, null, null, parent.messageId(), "date");
      Paging paging = Paging.of(ctx);
      List<SubmissionRow> rows = submissions.list(h, f, paging.probe(), paging.offset());
      return render(pw, paging.respond(ctx, rows, () -> submissions.count(h, f)), parentPath, parent.id());
    });
  }

  private void detail(Context ctx, List<String> parentKinds, String parentPath) {
    if (PwApi.version(ctx).explicit() && !PwApi.version(ctx).atLeast(3)) {
      throw ApiException.notFound();
    }
    api.read(ctx, (pw, h) -> {
      SubmissionRow parent = submissions.byId(h, Params.pathId(ctx, "id"), parentKinds).orElseThrow(ApiException::notFound);
      SubmissionRow c = submissions.byId(h, Params.pathId(ctx, "cid"), List.of("COMMENT"))
          .filter(r -> r.answersId() != null && r.answersId() == parent.messageId())
          .orElseThrow(ApiException::notFound);
      return render(pw, List.of(c), parentPath, parent.id()).get(0);
    });
  }

  private List<Map<String, Object>> render(PwContext pw, List<SubmissionRow> rows, String parentPath, long parentId) {
    List<Map<String, Object>> out = new ArrayList<>();
    for (SubmissionRow r : rows) {
      SubmissionQueries.Body body = submissions.body(pw.h, r.messageId()).orElseThrow();
      Map<String, Object> o = PwJson.object();
      o.put("id", r.id());
      if (pw.version.atLeast(3)) {
        o.put("url", pw.api("/" + parentPath + "/" + parentId + "/comments/" + r.id() + "/"));
      }
      o.put("web_url", pw.base + "/comment/" + r.id() + "/");
      o.put("msgid", PwJson.bracketed(r.msgid()));
      if (pw.version.atLeast(2)) {
        o.put("list_archive_url", pw.archiveUrl(r));
      }
      o.put("date", PwJson.date(r.date()));
      o.put("subject", r.subject().raw());
      o.put("submitter", pw.person(r.personId(), r.personName(), r.personEmail()));
      o.put("content", body.content());
      o.put("headers", PwJson.headers(body.raw()));
      if (pw.version.atLeast(3)) {
        o.put("addressed", null);
      }
      out.add(o);
    }
    return out;
  }
}
