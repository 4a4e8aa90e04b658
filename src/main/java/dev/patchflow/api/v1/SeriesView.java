package dev.patchflow.api.v1;

import dev.patchflow.api.Json;
import dev.patchflow.store.ProjectRepository;
import dev.patchflow.store.ResultRepository;
import dev.patchflow.store.SeriesDetail;
import dev.patchflow.store.SeriesQueries;
import dev.patchflow.store.SeriesRow;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Handle;

/** Series as the native API shows them: versions, patches with trailers, replies, results. */
final class SeriesView {
  private final SeriesQueries series = new SeriesQueries();
  private final ResultRepository results = new ResultRepository();

  List<Map<String, Object>> render(Handle h, List<SeriesRow> rows, boolean full) {
    Map<Long, List<ResultRepository.Result>> res = results.forSeries(h, rows.stream().map(SeriesRow::id).toList());
    Map<Long, String> projectNames = new HashMap<>();
    List<Map<String, Object>> out = new ArrayList<>();
    for (SeriesRow s : rows) {
      SeriesDetail d = series.get(h, s.id()).orElseThrow();
      Map<String, Object> o = Json.object();
      o.put("id", s.id());
      o.put("project", projectNames.computeIfAbsent(s.projectId(),
          id -> new ProjectRepository().details(h, Long.toString(id)).orElseThrow().name()));
      o.put("name", s.name());
      o.put("version", s.version());
      o.put("total", s.total());
      o.put("received", s.received());
      o.put("complete", s.complete());
      o.put("superseded", s.nextId() != null);
      Map<String, Object> submitter = Json.object();
      submitter.put("name", s.personName());
      submitter.put("email", s.personEmail());
      o.put("submitter", submitter);
      o.put("date", s.date().toString());
      o.put("previous_version", s.previousId());
      o.put("next_version", s.nextId());
      if (d.cover() != null) {
        Map<String, Object> cover = Json.object();
        cover.put("subject", d.cover().subject());
        cover.put("message_id", d.cover().messageId());
        o.put("cover", cover);
      } else {
        o.put("cover", null);
      }
      List<Map<String, Object>> patches = new ArrayList<>();
      for (SeriesDetail.PatchEntry p : d.patches()) {
        Map<String, Object> po = Json.object();
        po.put("number", p.number());
        po.put("subject", p.message().subject());
        po.put("message_id", p.message().messageId());
        po.put("hash", p.hash());
        po.put("trailers", trailers(p.trailers()));
        patches.add(po);
      }
      o.put("patches", patches);
      o.put("trailers", trailers(d.trailers()));
      o.put("replies", full ? d.replies().stream().map(r -> Map.of("message_id", r.messageId(), "subject", r.subject(),
          "from", r.fromEmail())).toList() : d.replies().size());
      o.put("results", results(res.getOrDefault(s.id(), List.of())));
      out.add(o);
    }
    return out;
  }

  private static List<Map<String, Object>> trailers(List<SeriesDetail.TrailerEntry> list) {
    List<Map<String, Object>> out = new ArrayList<>();
    for (SeriesDetail.TrailerEntry t : list) {
      Map<String, Object> o = Json.object();
      o.put("name", t.name());
      o.put("value", t.value());
      o.put("given_in", t.givenIn());
      out.add(o);
    }
    return out;
  }

  static List<Map<String, Object>> results(List<ResultRepository.Result> list) {
    List<Map<String, Object>> out = new ArrayList<>();
    for (ResultRepository.Result r : list) {
      Map<String, Object> o = Json.object();
      o.put("name", r.name());
      o.put("status", r.status());
      o.put("log_url", r.logUrl());
      o.put("data", r.data() == null ? null : Json.read(r.data()));
      o.put("last_update", r.updated().toString());
      out.add(o);
    }
    return out;
  }
}
