package dev.patchflow.tester;

import java.time.Duration;
import java.time.Instant;

/**
 * How long a claim holds: the test's timeout plus a grace for fetching, uploading and
 * reporting. A heartbeat renews the same span from its own time, so a runner that is alive
 * keeps its job however long the checkout takes, and one that died frees it within that span.
 */
public record LeasePolicy(Duration grace) {
  public static final LeasePolicy DEFAULT = new LeasePolicy(Duration.ofSeconds(120));

  public Instant until(Instant now, int timeoutSeconds) {
    return now.plusSeconds(timeoutSeconds).plus(grace);
  }

  public static boolean expired(Instant leaseUntil, Instant now) {
    return leaseUntil != null && leaseUntil.isBefore(now);
  }
}
