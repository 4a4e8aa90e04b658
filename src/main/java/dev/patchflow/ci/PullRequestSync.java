package dev.patchflow.ci;

import dev.patchflow.forge.GitHubException;
import dev.patchflow.forge.Label;
import dev.patchflow.forge.PullRequest;
import dev.patchflow.forge.PullRequestEdit;
import dev.patchflow.forge.UnknownOutcomeException;
import dev.patchflow.forge.ValidationException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps a series' pull request in step with what happened to its branch: opens it (never twice,
 * even when GitHub fails halfway), retitles it, labels it, comments on each push and on a
 * conflict (once per distinct error), and closes it.
 */
public final class PullRequestSync {
  private static final Logger LOG = LoggerFactory.getLogger(PullRequestSync.class);
  /** Labels other tools (or mail on CI flips) put on our pull requests; we keep them. */
  private static final Pattern KEPT_LABELS = Pattern.compile("V\\d+-ci-(pass|fail)");
  private final CiState state;
  private final CiMetrics metrics;

  public PullRequestSync(CiState state, CiMetrics metrics) {
    this.state = state;
    this.metrics = metrics;
  }

  /**
   * After a series was applied (pushed or unchanged): its open pull request, opened if missing,
   * with the subject as title, the labels it should have, and a comment when it was pushed.
   */
  PullRequest applied(Target t, RepoView view, PwSeries s, String subject, SeriesOutcome outcome,
      BaseBranchKeeper.Bases bases) throws GitHubException {
    String branch = outcome instanceof SeriesOutcome.Pushed p ? p.branch() : ((SeriesOutcome.Unchanged) outcome).branch();
    Optional<PullRequest> existing = view.openFor(branch);
    PullRequest pr = existing.isPresent() ? existing.get() : open(t, view, branch, s, subject);
    if (!pr.title().equals(subject)) {
      pr = t.github().pulls().update(pr.number(), PullRequestEdit.title(subject));
      metrics.pullRequest("updated");
      LOG.atInfo().addKeyValue("series", s.id()).addKeyValue("pr", pr.number()).log("pull request retitled");
    }
    if (outcome instanceof SeriesOutcome.Pushed p) {
      t.github().comments().create(pr.number(), PrTexts.pushed(t.git(), bases.upstream(), p.head()));
      if (existing.isPresent()) {
        metrics.pullRequest("updated");
      }
    }
    state.conflictCommented(branch, "", false);
    pr = label(t, pr, wantedLabels(t, s, false));
    view.opened(pr);
    return pr;
  }

  /**
   * A series that does not apply: its open pull request (if any) is labelled and told why, once
   * per distinct error. Returns the pull request, if there is one.
   */
  Optional<PullRequest> conflicted(Target t, RepoView view, PwSeries s, SeriesOutcome.Conflicted c,
      BaseBranchKeeper.Bases bases) throws GitHubException {
    metrics.conflict();
    Optional<PullRequest> existing = view.openFor(c.branch());
    if (existing.isEmpty()) {
      return Optional.empty();
    }
    PullRequest pr = existing.get();
    String error = c.conflict().output();
    if (!state.conflictCommented(c.branch(), error)) {
      t.github().comments().create(pr.number(), PrTexts.conflict(t.git(), bases.upstream(), c.conflict()));
      state.conflictCommented(c.branch(), error, true);
    }
    pr = label(t, pr, wantedLabels(t, s, true));
    view.opened(pr);
    return Optional.of(pr);
  }

  /** Comments why, then closes. */
  void close(Target t, RepoView view, PullRequest pr, String comment) throws GitHubException {
    t.github().comments().create(pr.number(), comment);
    t.github().pulls().close(pr.number());
    view.closed(pr);
    metrics.pullRequest("closed");
    LOG.atInfo().addKeyValue("pr", pr.number()).addKeyValue("branch", pr.headRef()).log("pull request closed");
  }

  private PullRequest open(Target t, RepoView view, String branch, PwSeries s, String subject) throws GitHubException {
    PullRequest pr;
    try {
      pr = t.github().pulls().create(subject, PrTexts.body(s, subject), branch, t.git().baseBranch());
    } catch (UnknownOutcomeException e) {
      // GitHub may have made it before failing: look before trying again next cycle
      pr = t.github().pulls().findOpenByHead(branch).orElseThrow(() -> e);
    } catch (ValidationException e) {
      if (!e.pullRequestExists()) {
        throw e;
      }
      pr = t.github().pulls().findOpenByHead(branch).orElseThrow(() -> e);
    }
    metrics.pullRequest("created");
    LOG.atInfo().addKeyValue("series", s.id()).addKeyValue("pr", pr.number()).addKeyValue("branch", branch)
        .log("pull request opened");
    view.opened(pr);
    return pr;
  }

  /** V{version}, the patches' states, the target branch, and merge-conflict when it does not apply. */
  static Set<String> wantedLabels(Target t, PwSeries s, boolean conflict) {
    Set<String> labels = new LinkedHashSet<>();
    labels.add("V" + s.version());
    s.patches().stream().map(PwPatch::state).filter(x -> x != null && !x.isBlank()).forEach(labels::add);
    labels.add(t.name());
    if (conflict) {
      labels.add(CyclePlanner.MERGE_CONFLICT);
    }
    return labels;
  }

  private PullRequest label(Target t, PullRequest pr, Set<String> wanted) throws GitHubException {
    Set<String> target = new LinkedHashSet<>(wanted);
    pr.labels().stream().map(Label::name).filter(n -> KEPT_LABELS.matcher(n).matches()).forEach(target::add);
    Set<String> now = new LinkedHashSet<>(pr.labels().stream().map(Label::name).toList());
    if (lower(now).equals(lower(target))) {
      return pr;
    }
    List<Label> set = t.github().labels().set(pr.number(), target);
    return new PullRequest(pr.number(), pr.title(), pr.body(), pr.state(), pr.headRef(), pr.headSha(), pr.baseRef(), set,
        pr.htmlUrl(), pr.userLogin(), pr.updatedAt());
  }

  private static Set<String> lower(Set<String> names) {
    Set<String> out = new java.util.HashSet<>();
    names.forEach(n -> out.add(n.toLowerCase(java.util.Locale.ROOT)));
    return out;
  }
}
