package dev.patchflow.web;

import java.util.List;
import java.util.Set;

/**
 * The project's test badge, from the job states of its newest tested series (newest first, at
 * most {@link #SERIES}). Series whose jobs have all ended decide it: all passed → "passing",
 * else "N of M failing" (a failure or a timeout fails the series). While none has ended the
 * badge says "running" (a job is running) or "pending"; without any job, "no tests".
 */
public final class TestBadge {
  /** How many of the newest tested series the badge speaks for. */
  public static final int SERIES = 10;
  static final String LABEL = "tests";
  private static final Set<String> ENDED = Set.of("success", "failure", "timeout");

  private TestBadge() {}

  public static Badge of(List<List<String>> statesPerSeries) {
    int ended = 0;
    int failing = 0;
    boolean running = false;
    for (List<String> states : statesPerSeries) {
      running |= states.contains("running");
      if (!states.isEmpty() && ENDED.containsAll(states)) {
        ended++;
        if (states.contains("failure") || states.contains("timeout")) {
          failing++;
        }
      }
    }
    if (statesPerSeries.isEmpty()) {
      return new Badge(LABEL, "no tests", Badge.Colour.GREY);
    }
    if (ended == 0) {
      return running ? new Badge(LABEL, "running", Badge.Colour.BLUE) : new Badge(LABEL, "pending", Badge.Colour.GREY);
    }
    return failing == 0 ? new Badge(LABEL, "passing", Badge.Colour.GREEN)
        : new Badge(LABEL, failing + " of " + ended + " failing", Badge.Colour.RED);
  }
}
