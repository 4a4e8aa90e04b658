package dev.patchflow.git;

import java.util.List;

/** How `git am` went: every patch applied, or one did not. */
public sealed interface AmResult {
  /** All patches applied; the commits they made, oldest first. */
  record Applied(List<CommitId> commits) implements AmResult {}

  /**
   * Patch {@code patchIndex} (1-based) did not apply: its subject, the paths that conflict, what
   * `git am` said, and the conflicting hunks as `git diff` shows them (empty when the three-way
   * merge could not even start, e.g. the blob is missing from the base).
   */
  record Conflict(int patchIndex, String subject, List<String> paths, String output, String hunks) implements AmResult {}
}
