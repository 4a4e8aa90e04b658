package dev.patchflow.gittree;

import dev.patchflow.git.AmResult;
import dev.patchflow.git.CommitId;
import java.util.List;

/** How applying one series ended. */
public sealed interface ApplyOutcome {
  /** Every patch applied onto {@code base}; the result is tagged and pushed. */
  record Applied(String tag, CommitId base, CommitId head, List<CommitId> commits) implements ApplyOutcome {}

  /** A patch did not apply onto {@code base}. */
  record Conflicted(CommitId base, AmResult.Conflict conflict) implements ApplyOutcome {}

  /** There is nothing to apply onto: the base branch or the series named in Based-on is missing. */
  record BaseMissing(String reason) implements ApplyOutcome {}
}
