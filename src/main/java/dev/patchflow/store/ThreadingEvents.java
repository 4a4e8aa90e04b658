package dev.patchflow.store;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Handle;

/**
 * What a round of threading means for tracking: events for series created and completed, and
 * patches of a series that got a newer version marked superseded (unless someone already
 * moved them past "new" or "under review").
 */
final class ThreadingEvents {
  private final EventRepository events = new EventRepository();

  void record(Handle h, long projectId, Instant now, List<Long> created, List<Long> completed, List<Long> superseded) {
    List<EventRepository.Event> out = new ArrayList<>();
    for (long id : created) {
      out.add(EventRepository.Event.of(projectId, "series-created", now, null).series(id));
    }
    Map<Long, List<long[]>> patchesOf = patches(h, projectId, completed);
    for (long id : completed) {
      for (long[] patch : patchesOf.getOrDefault(id, List.of())) {
        out.add(EventRepository.Event.of(projectId, "patch-completed", now, null).patch(patch[0]).series(id));
      }
      out.add(EventRepository.Event.of(projectId, "series-completed", now, null).series(id));
    }
    Map<Long, List<long[]>> old = patches(h, projectId, superseded);
    List<Long> toSupersede = new ArrayList<>();
    for (List<long[]> list : old.values()) {
      for (long[] patch : list) {
        if (patch[1] == StateRepository.NEW || patch[1] == 2) {
          toSupersede.add(patch[0]);
          out.add(EventRepository.Event.of(projectId, "patch-state-changed", now, null).patch(patch[0])
              .states((int) patch[1], StateRepository.SUPERSEDED));
        }
      }
    }
    for (int i = 0; i < toSupersede.size(); i += 500) {
      h.createUpdate("UPDATE message_project SET state_id = :s WHERE seq IN (<ids>)")
          .bind("s", StateRepository.SUPERSEDED).bindList("ids", toSupersede.subList(i, Math.min(toSupersede.size(), i + 500)))
          .execute();
    }
    events.add(h, out);
  }

  /** Per series, its patches as {submission id, state id}. */
  private static Map<Long, List<long[]>> patches(Handle h, long projectId, List<Long> seriesIds) {
    Map<Long, List<long[]>> out = new HashMap<>();
    for (int i = 0; i < seriesIds.size(); i += 500) {
      h.createQuery("SELECT sm.series_id, mp.seq, mp.state_id FROM series_member sm JOIN message_project mp "
              + "ON mp.message_id = sm.message_id AND mp.project_id = :p WHERE sm.series_id IN (<ids>) "
              + "AND sm.role = 'patch' ORDER BY sm.position")
          .bind("p", projectId).bindList("ids", seriesIds.subList(i, Math.min(seriesIds.size(), i + 500)))
          .map((rs, ctx) -> new long[] {rs.getLong(1), rs.getLong(2), rs.getLong(3)})
          .forEach(r -> out.computeIfAbsent(r[0], k -> new ArrayList<>()).add(new long[] {r[1], r[2]}));
    }
    return out;
  }
}
