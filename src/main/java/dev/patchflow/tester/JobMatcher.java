package dev.patchflow.tester;

import java.util.Collection;
import java.util.List;

/** Which jobs a tester can run: every requirement of the test is one of its capabilities. */
public final class JobMatcher {
  private JobMatcher() {}

  public static boolean canRun(Collection<String> requirements, Collection<String> capabilities) {
    return capabilities.containsAll(requirements);
  }

  /** Requirements as the store keeps them: sorted, comma-separated (names hold no commas). */
  public static String encode(List<String> requirements) {
    return String.join(",", requirements.stream().sorted().distinct().toList());
  }

  public static List<String> decode(String stored) {
    return stored == null || stored.isEmpty() ? List.of() : List.of(stored.split(","));
  }
}
