package dev.patchflow.intake.imap;

import java.time.Duration;

/** Waits between reconnects: doubling from the first delay up to a cap, back to the start after a success. */
public final class Backoff {
  private final Duration first;
  private final Duration max;
  private Duration next;

  public Backoff(Duration first, Duration max) {
    this.first = first;
    this.max = max;
    this.next = first;
  }

  /** The delay before the next attempt; each call doubles the one after, up to the cap. */
  public Duration next() {
    Duration now = next;
    next = next.multipliedBy(2).compareTo(max) > 0 ? max : next.multipliedBy(2);
    return now;
  }

  public void reset() {
    next = first;
  }
}
