package dev.patchflow.cli;

import dev.patchflow.api.ApiServer;
import dev.patchflow.ci.CiBridge;
import dev.patchflow.ci.CiMetrics;
import dev.patchflow.ci.CiWebhook;
import dev.patchflow.ci.config.CiConfig;
import dev.patchflow.store.Database;
import java.time.Clock;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The `ci:` section run inside `serve`: the bridge shares the server's /metrics, takes GitHub's
 * webhook on the server's port, and wakes when Patchflow's own store changes (new mail, a state
 * change), so it need not wait for its next poll.
 */
final class CiInServe implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(CiInServe.class);
  private final CiConfig config;
  private final AtomicReference<CiBridge> bridge = new AtomicReference<>();
  private ScheduledExecutorService watcher;

  CiInServe(CiConfig config) {
    this.config = config;
  }

  /** The webhook route, registered with the server's other routes (the bridge starts later). */
  ApiServer.Module webhook() {
    return (app, cache) -> {
      if (config != null && config.github().webhookSecret() != null) {
        new CiWebhook(config.github().webhookSecret().reveal(), this::wake).register(app);
      }
    };
  }

  void start(ApiServer server, Database db, Clock clock) {
    if (config == null) {
      return;
    }
    try {
      CiBridge b = new CiBridge(config, new CiMetrics(server.metrics()), clock, CiBridge.Options.DEFAULT);
      bridge.set(b);
      b.start();
    } catch (Exception e) {
      // the server is still worth running; the log says why the bridge is not
      LOG.atError().setCause(e).log("the CI bridge could not start");
      return;
    }
    AtomicLong seen = new AtomicLong(db.revision().current());
    watcher = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "ci-store-watch");
      t.setDaemon(true);
      return t;
    });
    watcher.scheduleWithFixedDelay(() -> {
      long now = db.revision().current();
      if (seen.getAndSet(now) != now) {
        wake();
      }
    }, 2, 2, TimeUnit.SECONDS);
  }

  private void wake() {
    CiBridge b = bridge.get();
    if (b != null) {
      b.wake();
    }
  }

  @Override
  public void close() {
    if (watcher != null) {
      watcher.shutdownNow();
    }
    CiBridge b = bridge.get();
    if (b != null) {
      b.close();
    }
  }
}
