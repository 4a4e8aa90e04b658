package dev.patchflow.intake.publicinbox;

import dev.patchflow.config.Config;
import dev.patchflow.config.IntakeConfig.Unmatched;
import dev.patchflow.config.ProjectConfig;
import dev.patchflow.config.PublicInboxConfig;
import dev.patchflow.intake.ImportProgress;
import dev.patchflow.intake.ImportSummary;
import dev.patchflow.intake.Importer;
import dev.patchflow.intake.ProjectRouter;
import dev.patchflow.store.Database;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Looks at local public-inbox mirrors every few seconds and imports what they gained. All
 * mirrors share one thread, so two imports never compete for the store or the CPU.
 */
public final class PublicInboxPoller implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(PublicInboxPoller.class);

  /** A mirror to poll, and the router its mail goes through. */
  public record Mirror(Path path, Duration every, ProjectRouter router) {}

  private final Database db;
  private final List<Mirror> mirrors;
  private final int batchSize;
  private final Clock clock;
  private final ScheduledExecutorService thread = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread t = new Thread(r, "patchflow-public-inbox");
    t.setDaemon(true);
    return t;
  });

  public PublicInboxPoller(Database db, List<Mirror> mirrors, int batchSize, Clock clock) {
    this.db = db;
    this.mirrors = List.copyOf(mirrors);
    this.batchSize = batchSize;
    this.clock = clock;
  }

  /** The mirrors of {@code intake.public_inbox}, relative paths taken from {@code home}. */
  public static List<Mirror> mirrors(Config config, Path home) {
    return config.intake().publicInbox().stream().map(pi -> new Mirror(home.resolve(pi.path()),
        Duration.ofSeconds(pi.pollSecondsOrDefault()), router(config, pi))).toList();
  }

  /** Naming projects means only they take the mirror's mail; the rest is kept without a project. */
  static ProjectRouter router(Config config, PublicInboxConfig pi) {
    if (pi.projects().isEmpty()) {
      return new ProjectRouter(config.projects(), config.intake().unmatchedOrDefault());
    }
    List<ProjectConfig> chosen = config.projects().stream().filter(p -> pi.projects().contains(p.name())).toList();
    return new ProjectRouter(chosen, Unmatched.KEEP);
  }

  public void start() {
    for (Mirror m : mirrors) {
      thread.scheduleWithFixedDelay(() -> poll(m), 0, m.every().toMillis(), TimeUnit.MILLISECONDS);
    }
  }

  private void poll(Mirror m) {
    try {
      Importer importer = new Importer(db, m.router(), batchSize, clock);
      ImportSummary s = importer.importAll(PublicInboxSources.open(db, List.of(m.path()), clock), ImportProgress.NONE);
      if (s.read() > 0) {
        LOG.atInfo().addKeyValue("mirror", m.path()).addKeyValue("read", s.read()).addKeyValue("new", s.stored())
            .addKeyValue("duplicates", s.duplicates()).log("public-inbox mirror polled");
      }
    } catch (Exception e) {
      // A mirror being re-cloned or a database hiccup must not end polling: the next look retries.
      LOG.atWarn().addKeyValue("mirror", m.path()).setCause(e).log("public-inbox poll failed");
    }
  }

  /** Lets an import in progress finish its batch, then stops. */
  @Override
  public void close() {
    thread.shutdown();
    try {
      if (!thread.awaitTermination(10, TimeUnit.SECONDS)) {
        thread.shutdownNow();
        thread.awaitTermination(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      thread.shutdownNow();
      Thread.currentThread().interrupt();
    }
  }
}
