package dev.patchflow.store;

import dev.patchflow.search.Query;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jdbi.v3.core.Handle;

/**
 * Which of a page of series are reviewed, merged, tested: the search language's own
 * definitions, asked once per badge for the whole page.
 */
public final class SeriesBadges {
  private static final List<String> BADGES = List.of("reviewed", "applied", "merged", "tested");

  public Map<Long, Set<String>> of(Handle h, List<Long> seriesIds, Instant now) {
    Map<Long, Set<String>> out = new HashMap<>();
    if (seriesIds.isEmpty()) {
      return out;
    }
    for (String badge : BADGES) {
      Where w = new Where().andIn("s.id IN (<ids>)", "ids", seriesIds);
      SeriesSearch.apply(new Query.Term("is", badge), now, w);
      w.bind(h.createQuery("SELECT s.id FROM series s" + w.sql())).mapTo(Long.class)
          .forEach(id -> out.computeIfAbsent(id, k -> new HashSet<>()).add(badge));
    }
    return out;
  }

  /** Per series, the worst combined check of its patches (none: no entry). */
  public Map<Long, String> checks(Handle h, List<Long> seriesIds) {
    Map<Long, String> out = new HashMap<>();
    if (seriesIds.isEmpty()) {
      return out;
    }
    Map<Long, List<Long>> patchesOf = new HashMap<>();
    h.createQuery("SELECT sm.series_id, mp.seq FROM series_member sm JOIN series s ON s.id = sm.series_id "
            + "JOIN message_project mp ON mp.message_id = sm.message_id AND mp.project_id = s.project_id "
            + "WHERE sm.series_id IN (<ids>) AND sm.role = 'patch'")
        .bindList("ids", seriesIds).map((rs, ctx) -> new long[] {rs.getLong(1), rs.getLong(2)})
        .forEach(r -> patchesOf.computeIfAbsent(r[0], k -> new ArrayList<>()).add(r[1]));
    List<Long> all = patchesOf.values().stream().flatMap(List::stream).toList();
    Map<Long, List<CheckRepository.Check>> checks = new CheckRepository().forPatches(h, all);
    List<String> worstFirst = List.of("fail", "warning", "pending", "success");
    patchesOf.forEach((series, patches) -> patches.stream().filter(checks::containsKey)
        .map(p -> CheckRepository.combined(checks.get(p))).min(java.util.Comparator.comparingInt(worstFirst::indexOf))
        .ifPresent(worst -> out.put(series, worst)));
    return out;
  }
}
