package dev.patchflow.backport.history;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * One run folder as found on disk.
 *
 * @param id the folder's name, {@code run-yyyyMMdd-HHmmss}
 * @param start the run's start (UTC), from the name
 * @param resultsMissing no {@code results.jsonl}: the run is still going, was blocked or died
 * @param records the results, in file order
 * @param badLines lines of {@code results.jsonl} that could not be read
 */
public record Run(String id, Instant start, boolean resultsMissing, List<RunRecord> records, List<BadLine> badLines) {
  /** A line of {@code results.jsonl} that is not a result, with its 1-based number and why. */
  public record BadLine(int number, String problem) {}

  public Run {
    records = List.copyOf(records);
    badLines = List.copyOf(badLines);
  }

  /** Results per status, statuses in the order first met. */
  public Map<String, Integer> counts() {
    Map<String, Integer> counts = new LinkedHashMap<>();
    records.forEach(r -> counts.merge(r.status(), 1, Integer::sum));
    return counts;
  }

  /** The kernel lines with results, in the order first met. */
  public List<String> kernels() {
    LinkedHashSet<String> kernels = new LinkedHashSet<>();
    records.forEach(r -> kernels.add(r.kernel()));
    return List.copyOf(kernels);
  }
}
