package dev.patchflow.store;

/** What storing a project's re-threaded series changed. */
public record ThreadingResult(int created, int updated, int deleted, int unchanged) {
  public ThreadingResult plus(ThreadingResult o) {
    return new ThreadingResult(created + o.created, updated + o.updated, deleted + o.deleted, unchanged + o.unchanged);
  }

  public static final ThreadingResult NONE = new ThreadingResult(0, 0, 0, 0);
}
