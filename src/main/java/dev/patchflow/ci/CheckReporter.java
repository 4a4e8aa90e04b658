package dev.patchflow.ci;

import dev.patchflow.forge.GitHubException;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Posts a series' CI results to every patch of it on Patchwork: one summary check for the pull
 * request and one per workflow job. A check goes out only when it differs from the one posted
 * before, and a conclusive check is never taken back to pending.
 */
public final class CheckReporter {
  private static final Logger LOG = LoggerFactory.getLogger(CheckReporter.class);
  private final PatchworkClient patchwork;
  private final CiState state;
  private final CiMetrics metrics;

  public CheckReporter(PatchworkClient patchwork, CiState state, CiMetrics metrics) {
    this.patchwork = patchwork;
    this.state = state;
    this.metrics = metrics;
  }

  /** The results of the workflow runs of {@code headSha}, the head of the series' pull request. */
  int runs(Target t, RepoView view, List<Long> patchIds, String prUrl, String headSha)
      throws GitHubException, PatchworkException {
    return post(patchIds, CheckContexts.forRuns(t.name(), prUrl, view.runsOf(headSha)));
  }

  /** The series does not apply on the target: a failed check pointing at the PR (or the series). */
  int conflict(Target t, List<Long> patchIds, String url) throws PatchworkException {
    return post(patchIds, List.of(CheckContexts.forConflict(t.name(), url)));
  }

  private int post(List<Long> patchIds, List<PwCheck> wanted) throws PatchworkException {
    int posted = 0;
    for (long id : patchIds) {
      for (PwCheck c : wanted) {
        if (!CheckPlan.shouldPost(state.posted(id, c.context()).orElse(null), c)) {
          continue;
        }
        patchwork.postCheck(id, c);
        state.posted(id, c);
        metrics.checkPosted();
        posted++;
        LOG.atInfo().addKeyValue("patch", id).addKeyValue("context", c.context()).addKeyValue("state", c.state().wire())
            .log("check posted");
      }
    }
    return posted;
  }
}
