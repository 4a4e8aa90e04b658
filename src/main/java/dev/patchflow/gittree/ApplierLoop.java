package dev.patchflow.gittree;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The applier and the merge detector on a timer, for `serve`. {@code changed} is told after a
 * pass that applied series or a scan of upstream, so that whatever follows them (the test
 * jobs) need not wait for its own timer.
 */
public final class ApplierLoop implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ApplierLoop.class);
  private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread t = new Thread(r, "patchflow-applier");
    t.setDaemon(true);
    return t;
  });

  public ApplierLoop(Applier applier, MergeDetector merges, Duration poll, Duration mergeScan, Runnable changed) {
    timer.scheduleWithFixedDelay(() -> {
      try {
        Applier.Pass p = applier.runOnce();
        if (p.queued() + p.applied() + p.failed() > 0) {
          LOG.atInfo().addKeyValue("queued", p.queued()).addKeyValue("applied", p.applied())
              .addKeyValue("failed", p.failed()).addKeyValue("deferred", p.deferred()).log("apply pass");
        }
        if (p.applied() > 0) {
          changed.run();
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      } catch (RuntimeException e) {
        LOG.atError().setCause(e).log("apply pass failed");
      }
    }, 0, poll.toMillis(), TimeUnit.MILLISECONDS);
    timer.scheduleWithFixedDelay(() -> {
      try {
        applier.scanMerges(merges);
        changed.run();
      } catch (RuntimeException e) {
        LOG.atError().setCause(e).log("merge scan failed");
      }
    }, mergeScan.toMillis(), mergeScan.toMillis(), TimeUnit.MILLISECONDS);
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
