package dev.patchflow.intake;

import dev.patchflow.store.ThreadingResult;
import java.time.Duration;

/** What an import did. */
public record ImportSummary(
    long read, long stored, long duplicates, long quarantined, ThreadingResult series, Duration time) {

  public double messagesPerSecond() {
    double s = time.toNanos() / 1e9;
    return s <= 0 ? 0 : read / s;
  }

  public String describe() {
    return String.format(java.util.Locale.ROOT,
        "read %d, new %d, duplicates %d, quarantined %d; series created %d, updated %d, removed %d; %.1f s, %.0f msg/s",
        read, stored, duplicates, quarantined, series.created(), series.updated(), series.deleted(),
        time.toNanos() / 1e9, messagesPerSecond());
  }
}
