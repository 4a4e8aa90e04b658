package dev.patchflow.store;

import java.time.Instant;

/** A series as listed. */
public record SeriesSummary(
    long id, String project, String name, int version, int total, int received, boolean complete,
    String submitterName, String submitterEmail, Instant date, Long previousVersion, Long nextVersion) {

  public boolean superseded() {
    return nextVersion != null;
  }
}
