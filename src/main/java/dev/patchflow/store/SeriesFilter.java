package dev.patchflow.store;

/** Which series to list: by project name and state (complete, incomplete, superseded, current). */
public record SeriesFilter(String project, State state, int limit) {
  public enum State { COMPLETE, INCOMPLETE, SUPERSEDED, CURRENT }
}
