package dev.patchflow.bench;

import dev.patchflow.intake.ImportProgress;

/**
 * Notes when an import moves from storing mail to threading it, so the time of the two phases
 * can be told apart without changing the Importer.
 */
final class ThreadingClock implements ImportProgress {
  private volatile long threadingStarted;

  @Override
  public void start(long totalBytes) {}

  @Override
  public void update(long bytesDone, long read, long stored, long duplicates, long quarantined) {}

  @Override
  public void threading(int projects) {
    threadingStarted = System.nanoTime();
  }

  /** System.nanoTime() when threading began; 0 if it never did. */
  long threadingStarted() {
    return threadingStarted;
  }

  @Override
  public void close() {}
}
