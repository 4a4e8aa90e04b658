package dev.patchflow.ci;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;

/**
 * One series as a patch listing shows it: the series and those of its patches the listing held.
 *
 * @param patches in id order (which is the order Patchwork received them)
 */
public record SeriesGroup(PwSeriesRef series, List<PwPatch> patches) {
  public SeriesGroup {
    patches = patches.stream().sorted(Comparator.comparingLong(PwPatch::id)).toList();
  }

  /** The series name without its bracket prefixes. */
  public String subject() {
    return SeriesName.subject(series.name());
  }

  /**
   * The newest patch date: the last time we know the series changed. A listing gives no date of
   * state changes, so this is when its newest patch was sent.
   */
  public Instant lastUpdate() {
    return patches.stream().map(PwPatch::date).filter(d -> d != null).max(Comparator.naturalOrder())
        .orElse(Instant.EPOCH);
  }
}
