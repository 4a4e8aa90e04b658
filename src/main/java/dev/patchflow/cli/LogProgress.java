package dev.patchflow.cli;

import dev.patchflow.intake.ImportProgress;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Progress for a non-terminal: counts in the log every few seconds. */
final class LogProgress implements ImportProgress {
  private static final Logger LOG = LoggerFactory.getLogger("dev.patchflow.import.progress");
  private static final long EVERY_NANOS = 5_000_000_000L;
  private long total;
  private long last = System.nanoTime();

  @Override
  public void start(long totalBytes) {
    total = totalBytes;
    LOG.atInfo().addKeyValue("bytes", totalBytes).log("import started");
  }

  @Override
  public void update(long bytesDone, long read, long stored, long duplicates, long quarantined) {
    long now = System.nanoTime();
    if (now - last < EVERY_NANOS) {
      return;
    }
    last = now;
    LOG.atInfo().addKeyValue("percent", total == 0 ? 100 : bytesDone * 100 / total).addKeyValue("read", read)
        .addKeyValue("new", stored).addKeyValue("duplicates", duplicates).addKeyValue("quarantined", quarantined)
        .log("import progress");
  }

  @Override
  public void threading(int projects) {
    LOG.atInfo().addKeyValue("projects", projects).log("threading");
  }

  @Override
  public void close() {}
}
