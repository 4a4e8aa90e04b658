package dev.patchflow.store;

import dev.patchflow.series.Series;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Keeps series ids stable across re-threading. Threading is recomputed from all messages, so
 * a series must find the stored row it was before: the lowest stored series that shares a
 * message with it (a cover arriving late, or two halves joined by a late patch, keep the
 * older id), else the one with the same anchor. Pure.
 */
final class SeriesMatcher {
  private SeriesMatcher() {}

  /** What became of the stored series: kept (by new series anchor) and dropped. */
  record Result(Map<String, Long> keptByAnchor, Set<Long> dropped) {}

  /**
   * @param series the new threading result
   * @param memberIds the store ids of each new series' members, by anchor
   * @param storedSeriesOfMessage stored series id by message store id
   * @param storedByAnchor stored series id by anchor
   */
  static Result match(List<Series> series, Map<String, List<Long>> memberIds,
      Map<Long, Long> storedSeriesOfMessage, Map<String, Long> storedByAnchor) {
    Set<Long> claimed = new HashSet<>();
    Map<String, Long> kept = new HashMap<>();
    for (Series s : series) {
      Long best = null;
      for (long m : memberIds.getOrDefault(s.anchor(), List.of())) {
        Long stored = storedSeriesOfMessage.get(m);
        if (stored != null && !claimed.contains(stored) && (best == null || stored < best)) {
          best = stored;
        }
      }
      if (best == null) {
        Long byAnchor = storedByAnchor.get(s.anchor());
        if (byAnchor != null && !claimed.contains(byAnchor)) {
          best = byAnchor;
        }
      }
      if (best != null) {
        claimed.add(best);
        kept.put(s.anchor(), best);
      }
    }
    Set<Long> dropped = new HashSet<>(storedByAnchor.values());
    dropped.removeAll(claimed);
    return new Result(kept, dropped);
  }
}
