package dev.patchflow.ci;

import dev.patchflow.git.AmResult;
import dev.patchflow.git.CommitId;

/** What became of a series on one target branch. */
public sealed interface SeriesOutcome {
  /** Applied and pushed, because the branch was new or its changes or messages differ. */
  record Pushed(String branch, CommitId head, boolean created) implements SeriesOutcome {}

  /** Applied, and the branch already holds the same changes with the same messages. */
  record Unchanged(String branch, CommitId head) implements SeriesOutcome {}

  /** `git am -3` stopped; nothing was pushed. */
  record Conflicted(String branch, AmResult.Conflict conflict) implements SeriesOutcome {}

  /** It does not apply because upstream already has it: a patch subject is among upstream's latest commits. */
  record AlreadyUpstream(String subject) implements SeriesOutcome {}
}
