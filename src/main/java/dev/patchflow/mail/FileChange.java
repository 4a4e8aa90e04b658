package dev.patchflow.mail;

/** One file touched by a diff, with its line counts (binary files count no lines). */
public record FileChange(
    String oldPath, String newPath, Status status, boolean binary, int added, int removed) {

  public enum Status { MODIFIED, ADDED, DELETED, RENAMED, COPIED, MODE_CHANGED }

  /** The path a reader cares about: the new one, or the old one for a deletion. */
  public String path() {
    return newPath == null || newPath.equals("/dev/null") ? oldPath : newPath;
  }
}
