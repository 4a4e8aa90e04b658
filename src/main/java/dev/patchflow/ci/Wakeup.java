package dev.patchflow.ci;

import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Lets the bridge sleep until its next poll or until something happened (a webhook from GitHub,
 * a change on Patchflow's own server), whichever comes first. Wake-ups while a cycle runs are
 * kept as one, so the cycle that follows sees them.
 */
public final class Wakeup {
  private final Semaphore signal = new Semaphore(0);

  public void wake() {
    if (signal.availablePermits() == 0) {
      signal.release();
    }
  }

  /** Waits up to {@code timeout}; true when woken rather than timed out. */
  public boolean await(Duration timeout) throws InterruptedException {
    boolean woken = signal.tryAcquire(timeout.toMillis(), TimeUnit.MILLISECONDS);
    signal.drainPermits();
    return woken;
  }
}
