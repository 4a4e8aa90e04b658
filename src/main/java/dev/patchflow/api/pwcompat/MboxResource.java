package dev.patchflow.api.pwcompat;

import dev.patchflow.api.ApiException;
import dev.patchflow.api.Urls;
import dev.patchflow.mail.MboxRenderer;
import dev.patchflow.store.Database;
import dev.patchflow.store.Mboxes;
import dev.patchflow.store.ProjectDetails;
import dev.patchflow.store.ProjectRepository;
import dev.patchflow.store.SeriesDetail;
import dev.patchflow.store.SeriesQueries;
import dev.patchflow.store.SubmissionQueries;
import dev.patchflow.store.SubmissionRow;
import dev.patchflow.store.UserRepository;
import io.javalin.http.Context;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jdbi.v3.core.Handle;

/**
 * mbox downloads that `git am` applies: a series, a patch (with "?series=*" the patches before
 * it too), a cover letter. Trailers given in replies are folded into each patch.
 */
public final class MboxResource {
  private final Database db;
  private final SubmissionQueries submissions = new SubmissionQueries();
  private final Mboxes mboxes = new Mboxes();

  public MboxResource(Database db) {
    this.db = db;
  }

  public void series(Context ctx) {
    long id = Params.pathId(ctx, "id");
    String mbox = db.jdbi().withHandle(h -> mboxes.series(h, id)).orElseThrow(ApiException::notFound);
    send(ctx, mbox, id + "-" + slug(db.jdbi().withHandle(h -> new SeriesQueries().row(h, id).orElseThrow().name())));
  }

  public void patch(Context ctx) {
    String series = ctx.queryParam("series");
    String mbox = db.jdbi().withHandle(h -> {
      SubmissionRow row = byPath(h, ctx);
      List<MboxRenderer.Entry> entries = new ArrayList<>();
      if (row.seriesId() != null) {
        SeriesDetail d = new SeriesQueries().get(h, row.seriesId()).orElseThrow();
        for (SeriesDetail.PatchEntry p : d.patches()) {
          boolean self = p.message().messageId().equals(row.msgid());
          if (self || "*".equals(series)) {
            SubmissionRow r = self ? row : submissions.byMsgid(h, row.projectId(), p.message().messageId()).orElseThrow();
            entries.add(mboxes.entry(h, r, Mboxes.folded(p)));
          }
          if (self) {
            break;
          }
        }
      }
      if (entries.isEmpty()) {
        entries.add(mboxes.entry(h, row, List.of()));
      }
      return MboxRenderer.render(entries);
    });
    send(ctx, mbox, slug(db.jdbi().withHandle(h -> byPath(h, ctx).subject().name())));
  }

  /** /patch/{id}/mbox/ redirects to the project path, as Patchwork does. */
  public void patchById(Context ctx) {
    long id = Params.pathId(ctx, "id");
    String target = db.jdbi().withHandle(h -> {
      SubmissionRow r = submissions.byId(h, id, List.of("PATCH", "PULL_REQUEST")).orElseThrow(ApiException::notFound);
      return "/project/" + new ProjectRepository().details(h, Long.toString(r.projectId())).orElseThrow().name()
          + "/patch/" + Urls.msgid(r.msgid()) + "/mbox/";
    });
    ctx.redirect(target);
  }

  /** A bundle's patches in its order; a private bundle only for its owner. */
  public void bundle(Context ctx) {
    long me = dev.patchflow.api.Auth.principal(ctx).userId();
    String mbox = db.jdbi().withHandle(h -> {
      long owner = new UserRepository().byUsername(h, ctx.pathParam("owner")).orElseThrow(ApiException::notFound).id();
      var b = new dev.patchflow.store.BundleRepository().visible(h, me, List.of(), List.of(owner), null).stream()
          .filter(x -> x.name().equals(ctx.pathParam("name"))).findFirst().orElseThrow(ApiException::notFound);
      List<MboxRenderer.Entry> entries = new ArrayList<>();
      for (long id : new dev.patchflow.store.BundleRepository().patches(h, List.of(b.id())).getOrDefault(b.id(), List.of())) {
        submissions.byId(h, id, List.of("PATCH", "PULL_REQUEST")).ifPresent(r -> entries.add(mboxes.entry(h, r, List.of())));
      }
      return MboxRenderer.render(entries);
    });
    send(ctx, mbox, slug(ctx.pathParam("name")));
  }

  public void cover(Context ctx) {
    String mbox = db.jdbi().withHandle(h -> MboxRenderer.render(List.of(mboxes.entry(h, byPath(h, ctx), List.of()))));
    send(ctx, mbox, "cover");
  }

  private SubmissionRow byPath(Handle h, Context ctx) {
    ProjectDetails p = new ProjectRepository().details(h, ctx.pathParam("project")).orElseThrow(ApiException::notFound);
    return submissions.byMsgid(h, p.id(), ctx.pathParam("msgid")).orElseThrow(ApiException::notFound);
  }

  private static void send(Context ctx, String mbox, String name) {
    ctx.header("Content-Disposition", "attachment; filename=" + name + ".patch");
    ctx.contentType("text/plain; charset=utf-8").result(mbox.getBytes(StandardCharsets.UTF_8));
  }

  static String slug(String name) {
    String s = name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-|-$", "");
    return s.isEmpty() ? "patch" : s.length() > 60 ? s.substring(0, 60) : s;
  }
}
