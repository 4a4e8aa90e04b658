package dev.patchflow.intake;

/** Where an import reports how far it got. */
public interface ImportProgress extends AutoCloseable {
  void start(long totalBytes);

  void update(long bytesDone, long read, long stored, long duplicates, long quarantined);

  /** Threading begins (after all mail is stored). */
  void threading(int projects);

  @Override
  void close();

  ImportProgress NONE = new ImportProgress() {
    @Override
    public void start(long totalBytes) {}

    @Override
    public void update(long bytesDone, long read, long stored, long duplicates, long quarantined) {}

    @Override
    public void threading(int projects) {}

    @Override
    public void close() {}
  };
}
