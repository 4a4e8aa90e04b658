package dev.patchflow.tester;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link JobSync} on a timer, for `serve`: once at once, then every {@code every}; and soon after
 * a {@link #nudge()} (the applier in this process just recorded a series as applied), so jobs
 * do not wait for the next tick. All syncs run on one thread, one at a time.
 */
public final class JobSyncLoop implements AutoCloseable {
  /** Between two syncs when nothing nudges: how long an applied series may wait for its jobs. */
  public static final Duration EVERY = Duration.ofSeconds(3);
  private static final Logger LOG = LoggerFactory.getLogger(JobSyncLoop.class);
  private final JobSync sync;
  private final AtomicBoolean nudged = new AtomicBoolean();
  private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread t = new Thread(r, "patchflow-test-jobs");
    t.setDaemon(true);
    return t;
  });

  public JobSyncLoop(JobSync sync, Duration every) {
    this.sync = sync;
    timer.scheduleWithFixedDelay(this::runOnce, 0, every.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** Asks for a sync now; nudges that come while one is queued share it. */
  public void nudge() {
    if (nudged.compareAndSet(false, true)) {
      try {
        timer.execute(() -> {
          nudged.set(false);
          runOnce();
        });
      } catch (RejectedExecutionException e) {
        nudged.set(false); // closing
      }
    }
  }

  private void runOnce() {
    try {
      sync.sync();
    } catch (RuntimeException e) {
      // the store may be down for a moment; the next tick tries again
      LOG.atError().setCause(e).log("creating test jobs failed");
    }
  }

  @Override
  public void close() {
    timer.shutdownNow();
    try {
      timer.awaitTermination(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
