package dev.patchflow.testing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.patchflow.config.DatabaseConfig;
import dev.patchflow.store.Database;
import dev.patchflow.store.MessageRepository;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Watches another process's import through the store, for tests that kill it half-way. The
 * store is opened (and its schema made) before the import starts, and one connection serves all
 * the polls: opening it while the import ran was so slow on a busy machine that the import could
 * finish before the first look.
 */
public final class StoreWatch implements AutoCloseable {
  private final Database db;

  private StoreWatch(Database db) {
    this.db = db;
  }

  /** Opens the store the import will write to; call before starting the import. */
  public static StoreWatch open(Path home, DatabaseConfig config) {
    return new StoreWatch(Database.open(config, home));
  }

  /** Waits until the running import {@code p} has stored {@code atLeast} messages; returns how many. */
  public long waitForMessages(Process p, long atLeast) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (System.nanoTime() < deadline) {
      assertThat(p.isAlive()).as("import ended before it could be killed").isTrue();
      long n = db.jdbi().withHandle(new MessageRepository()::count);
      if (n >= atLeast) {
        return n;
      }
      Thread.sleep(20);
    }
    throw new AssertionError("import stored nothing within 60 s");
  }

  @Override
  public void close() {
    db.close();
  }
}
