package dev.patchflow.web;

import dev.patchflow.api.ApiException;
import dev.patchflow.api.Urls;
import dev.patchflow.store.CheckRepository;
import dev.patchflow.store.Database;
import dev.patchflow.store.ApplyRepository;
import dev.patchflow.store.ResultRepository;
import dev.patchflow.store.TestJobRepository;
import dev.patchflow.store.SeriesBadges;
import dev.patchflow.store.SeriesDetail;
import dev.patchflow.store.SeriesQueries;
import dev.patchflow.store.SeriesRow;
import dev.patchflow.store.StateRepository;
import dev.patchflow.store.SubmissionQueries;
import dev.patchflow.store.SubmissionRow;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Handle;

/** Builds the series page and the diff between two versions of a series. */
final class SeriesPages {
  private final Database db;
  private final SeriesQueries series = new SeriesQueries();
  private final SubmissionQueries submissions = new SubmissionQueries();

  SeriesPages(Database db) {
    this.db = db;
  }

  Views.SeriesPage page(long id, String base) {
    return db.jdbi().withHandle(h -> {
      SeriesRow row = series.row(h, id).orElseThrow(() -> new ApiException(404, "No such series."));
      SeriesDetail d = series.get(h, id).orElseThrow();
      Map<Long, SubmissionRow> byMessage = new HashMap<>();
      submissions.ofSeries(h, List.of(id), "patch").getOrDefault(id, List.of()).forEach(r -> byMessage.put(r.messageId(), r));
      Map<Integer, String> states = new HashMap<>();
      new StateRepository().all(h).forEach(s -> states.put(s.id(), s.slug()));
      Map<Long, List<CheckRepository.Check>> checks = new CheckRepository()
          .forPatches(h, byMessage.values().stream().map(SubmissionRow::id).toList());
      List<Views.PatchItem> patches = new ArrayList<>();
      for (SeriesDetail.PatchEntry p : d.patches()) {
        SubmissionRow r = byMessage.get(p.message().id());
        String project = d.summary().project();
        patches.add(new Views.PatchItem(r == null ? 0 : r.id(), p.number(), r == null ? p.message().subject() : r.name(),
            r == null ? "" : states.get(r.stateId()), p.message().messageId(),
            base + "/project/" + project + "/patch/" + Urls.msgid(p.message().messageId()) + "/",
            p.diffstat() == null ? "" : p.diffstat(), trailers(p.trailers(), p.message().messageId()),
            r == null || !checks.containsKey(r.id()) ? "" : CheckRepository.combined(checks.get(r.id()))));
      }
      Views.Message cover = d.cover() == null ? null : message(h, d.cover(), 0);
      List<Views.Message> replies = threaded(h, d.replies());
      List<ResultRepository.Result> stored = new ResultRepository().forSeries(h, List.of(id)).getOrDefault(id, List.of());
      List<Views.Result> results = new ArrayList<>();
      results.addAll(results(h, id, stored));
      List<String> badges = WebUi.badges(row, new SeriesBadges().of(h, List.of(id), Instant.now())
          .getOrDefault(id, java.util.Set.of()));
      return new Views.SeriesPage(id, d.summary().project(), row.name(), row.version(), row.received(), row.total(),
          row.personName() + " <" + row.personEmail() + ">", WebUi.DATE.format(row.date()), badges, cover, patches,
          replies, trailers(d.trailers(), null), results, versions(h, row), base + "/series/" + id + "/mbox/", git(h, id, stored));
    });
  }

  /**
   * The stored results, a test's with a link to its job page (where a running log grows) and its
   * description; and the tests still pending or running, which have no result yet.
   */
  private static List<Views.Result> results(Handle h, long id, List<ResultRepository.Result> stored) {
    Map<String, TestJobRepository.Job> jobs = new java.util.HashMap<>();
    new TestJobRepository().forSeries(h, id).forEach(j -> jobs.put("testing." + j.testName(), j));
    List<Views.Result> out = new ArrayList<>();
    for (ResultRepository.Result r : stored) {
      TestJobRepository.Job j = jobs.get(r.name());
      String note = "";
      if (j != null && r.data() != null) {
        note = dev.patchflow.api.Json.read(r.data()).path("description").asText("");
      }
      out.add(new Views.Result(r.name(), r.status(), r.logUrl(), note, j == null ? null : "/jobs/" + j.id() + "/"));
    }
    jobs.forEach((name, j) -> {
      if (!j.finalState() && stored.stream().noneMatch(r -> r.name().equals(name))) {
        out.add(new Views.Result(name, j.state(), null, "", "/jobs/" + j.id() + "/"));
      }
    });
    out.sort(java.util.Comparator.comparing(Views.Result::name));
    return out;
  }

  private static Views.GitTree git(Handle h, long id, List<ResultRepository.Result> results) {
    return new ApplyRepository().get(h, id).map(j -> {
      String url = null;
      if (j.tag() != null) {
        String data = results.stream()
            .filter(r -> r.name().equals("git")).map(ResultRepository.Result::data).findFirst().orElse(null);
        url = data == null ? null : urlOf(data);
      }
      return new Views.GitTree(j.state(), j.summary() == null ? "" : j.summary(), j.tag(), url,
          j.baseCommit() == null ? "" : j.baseCommit().substring(0, 12), j.detail() == null ? "" : j.detail());
    }).orElse(null);
  }

  private static String urlOf(String resultData) {
    try {
      return new com.fasterxml.jackson.databind.ObjectMapper().readTree(resultData).path("url").asText(null);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      return null;
    }
  }

  /** The text of each version's patches, compared line by line. */
  Views.VersionDiff diff(long from, long to) {
    return db.jdbi().withHandle(h -> {
      SeriesRow a = series.row(h, from).orElseThrow(() -> new ApiException(404, "No such series."));
      series.row(h, to).orElseThrow(() -> new ApiException(404, "No such series."));
      return new Views.VersionDiff(from, to, a.name(), DiffLines.between(text(h, from), text(h, to)));
    });
  }

  private String text(Handle h, long seriesId) {
    StringBuilder b = new StringBuilder();
    for (SubmissionRow r : submissions.ofSeries(h, List.of(seriesId), "patch").getOrDefault(seriesId, List.of())) {
      SubmissionQueries.Body body = submissions.body(h, r.messageId()).orElseThrow();
      b.append("=== ").append(r.subject().name()).append('\n').append(body.content()).append('\n');
      if (body.diff() != null) {
        b.append(body.diff());
      }
    }
    return b.toString();
  }

  /** All versions of the series: walk previous and next links from this one. */
  private List<Views.Version> versions(Handle h, SeriesRow row) {
    List<SeriesRow> chain = new ArrayList<>();
    SeriesRow cur = row;
    java.util.Set<Long> seen = new java.util.HashSet<>();
    while (cur.previousId() != null && seen.add(cur.id())) {
      cur = series.row(h, cur.previousId()).orElse(cur);
    }
    seen.clear();
    while (cur != null && seen.add(cur.id())) {
      chain.add(cur);
      cur = cur.nextId() == null ? null : series.row(h, cur.nextId()).orElse(null);
    }
    return chain.stream().map(s -> new Views.Version(s.id(), s.version(), s.id() == row.id())).toList();
  }

  /** Replies in thread order (each under the mail it answers), indented by depth. */
  private List<Views.Message> threaded(Handle h, List<SeriesDetail.MessageRef> replies) {
    Map<String, SeriesDetail.MessageRef> byMsgid = new HashMap<>();
    replies.forEach(r -> byMsgid.put(r.messageId(), r));
    Map<String, String> parentOf = new HashMap<>();
    for (SeriesDetail.MessageRef r : replies) {
      String parent = h.createQuery("SELECT in_reply_to FROM message WHERE id = :id").bind("id", r.id())
          .mapTo(String.class).findOne().orElse(null);
      if (parent != null && byMsgid.containsKey(parent)) {
        parentOf.put(r.messageId(), parent);
      }
    }
    Map<String, List<SeriesDetail.MessageRef>> children = new HashMap<>();
    List<SeriesDetail.MessageRef> roots = new ArrayList<>();
    for (SeriesDetail.MessageRef r : replies) {
      String parent = parentOf.get(r.messageId());
      if (parent == null) {
        roots.add(r);
      } else {
        children.computeIfAbsent(parent, k -> new ArrayList<>()).add(r);
      }
    }
    List<Views.Message> out = new ArrayList<>();
    java.util.ArrayDeque<Map.Entry<SeriesDetail.MessageRef, Integer>> stack = new java.util.ArrayDeque<>();
    for (int i = roots.size() - 1; i >= 0; i--) {
      stack.push(Map.entry(roots.get(i), 0));
    }
    java.util.Set<String> seen = new java.util.HashSet<>();
    while (!stack.isEmpty()) {
      var e = stack.pop();
      if (!seen.add(e.getKey().messageId())) {
        continue;
      }
      out.add(message(h, e.getKey(), e.getValue()));
      List<SeriesDetail.MessageRef> kids = children.getOrDefault(e.getKey().messageId(), List.of());
      for (int i = kids.size() - 1; i >= 0; i--) {
        stack.push(Map.entry(kids.get(i), Math.min(e.getValue() + 1, 8)));
      }
    }
    return out;
  }

  private Views.Message message(Handle h, SeriesDetail.MessageRef ref, int depth) {
    SubmissionQueries.Body body = submissions.body(h, ref.id()).orElseThrow();
    Instant date = h.createQuery("SELECT COALESCE(sent_at, received_at) FROM message WHERE id = :id").bind("id", ref.id())
        .mapTo(Instant.class).one();
    return new Views.Message(ref.id(), ref.subject(), ref.fromName() + " <" + ref.fromEmail() + ">",
        WebUi.DATE.format(date), ref.messageId(), body.content(), depth);
  }

  static List<Views.Trailer> trailers(List<SeriesDetail.TrailerEntry> list, String ownMessage) {
    return list.stream().map(t -> new Views.Trailer(t.name(), t.value(),
        ownMessage == null || t.givenIn().equals(ownMessage) ? null : t.givenIn())).toList();
  }
}
