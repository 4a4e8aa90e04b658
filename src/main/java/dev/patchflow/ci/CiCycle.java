package dev.patchflow.ci;

import dev.patchflow.ci.config.CiConfig;
import dev.patchflow.forge.GitHubException;
import dev.patchflow.forge.PullRequest;
import dev.patchflow.forge.RateLimitedException;
import dev.patchflow.git.GitException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One pass of the bridge: read Patchwork once, plan, then for each series that changed apply it,
 * keep its pull request, and for every open one post the workflow results as checks. A series
 * whose patches and states did not change since it was last handled costs no git and no GitHub
 * request beyond the shared listings, so an idle pass is a few conditional requests.
 */
public final class CiCycle {
  /** Bases are fetched again at least this often even when no series needs them, to retry conflicts. */
  static final Duration BASE_REFRESH = Duration.ofMinutes(30);
  private static final Logger LOG = LoggerFactory.getLogger(CiCycle.class);
  private final CiConfig config;
  private final PatchworkClient patchwork;
  private final Map<String, Target> targets;
  private final CiState state;
  private final CiMetrics metrics;
  private final Clock clock;
  private final BaseBranchKeeper keeper = new BaseBranchKeeper();
  private final SeriesBranches seriesBranches = new SeriesBranches();
  private final PullRequestSync pulls;
  private final CheckReporter checks;
  private final ResultMailer mailer; // null: no email configured
  /** What each repository holds, kept across passes (by "owner/name"). */
  private final Map<String, RepoView> views = new HashMap<>();
  private final Map<Long, String> handled = new HashMap<>();
  private final Map<String, Instant> basesFetched = new HashMap<>();
  private final Map<String, BaseBranchKeeper.Bases> lastBases = new HashMap<>();
  private final java.util.Set<String> labelled = new java.util.HashSet<>();

  /** What a pass did. */
  public record Report(CyclePlan plan, int applied, int conflicts, int closed, int checks, int errors) {}

  public CiCycle(CiConfig config, PatchworkClient patchwork, Map<String, Target> targets, CiState state, CiMetrics metrics,
      Clock clock) {
    this.config = config;
    this.patchwork = patchwork;
    this.targets = Map.copyOf(targets);
    this.state = state;
    this.metrics = metrics;
    this.clock = clock;
    this.pulls = new PullRequestSync(state, metrics);
    this.checks = new CheckReporter(patchwork, state, metrics);
    this.mailer = config.email() == null ? null : new ResultMailer(config.email(), state, metrics);
  }

  /** Plans, and unless {@code dryRun} carries the plan out. */
  public Report run(boolean dryRun) throws PatchworkException, GitHubException {
    Instant now = clock.instant();
    Relevance.Rules rules = Relevance.Rules.of(config.patchwork());
    List<PwPatch> patches = patchwork.recentPatches(config.patchwork().project(), rules.since(now),
        config.patchwork().searchPatterns());
    List<Relevance.Verdict> verdicts = Relevance.decide(patches, rules, now);
    Map<String, List<PullRequest>> open = new LinkedHashMap<>();
    for (Target t : targets.values()) {
      RepoView v = views.computeIfAbsent(t.github().ref().fullName(), k -> new RepoView(t.github()));
      v.beginPass(rules.since(now));
      open.put(t.name(), v.open().values().stream().filter(pr -> t.login().equals(pr.userLogin())).toList());
    }
    CyclePlan plan = CyclePlanner.plan(verdicts, open, config.tagToBranchMapping());
    if (dryRun) {
      return new Report(plan, 0, 0, 0, 0, 0);
    }
    Work work = new Work(views, now);
    for (CyclePlan.Close c : plan.closes()) {
      Target t = targets.get(c.branch());
      work.guard("close " + c.pr().headRef(), () -> pulls.close(t, work.view(t), c.pr(), c.comment()));
      work.closed++;
    }
    for (CyclePlan.Test test : plan.tests()) {
      work.guard("series " + test.series().series().id(), () -> test(work, test));
      state.save();
    }
    for (Target t : targets.values()) {
      if (work.refreshed.containsKey(t.name())) {
        work.guard("stale branches of " + t.name(), () -> pruneBranches(work, t));
      }
    }
    state.save();
    return new Report(plan, work.applied, work.conflicts, work.closed, work.checks, work.errors);
  }

  private void test(Work work, CyclePlan.Test test) throws Exception {
    SeriesGroup g = test.series();
    long id = g.series().id();
    String fingerprint = fingerprint(g);
    Optional<Handled> known = handledOn(work, test);
    boolean basesMoved = test.tryOrder().stream().anyMatch(b -> work.moved(b));
    if (known.isPresent() && fingerprint.equals(handled.get(id)) && !basesMoved) {
      if (known.get().pr() != null) {
        work.checks += results(known.get().target(), work.view(known.get().target()), g, null,
            known.get().pr().htmlUrl(), known.get().pr().headSha());
      }
      return;
    }
    PwSeries s = withStates(patchwork.series(id), g);
    byte[] mbox = patchwork.mbox(s);
    List<String> subjects = s.patches().stream().map(p -> SeriesName.subject(p.name())).toList();
    List<String> order = test.tryOrder();
    for (int i = 0; i < order.size(); i++) {
      Target t = target(order.get(i));
      boolean last = i == order.size() - 1;
      BaseBranchKeeper.Bases bases = work.bases(t);
      SeriesOutcome outcome = seriesBranches.apply(t.local().git(), t.git(), bases, id, mbox, subjects, last);
      RepoView view = work.view(t);
      if (outcome instanceof SeriesOutcome.Conflicted c) {
        if (!last) {
          continue;
        }
        Optional<PullRequest> pr = pulls.conflicted(t, view, s, c, bases);
        work.checks += checks.conflict(t, ids(g), pr.map(PullRequest::htmlUrl).orElse(s.webUrl()));
        work.conflicts++;
      } else if (outcome instanceof SeriesOutcome.AlreadyUpstream u) {
        Optional<PullRequest> pr = view.openFor(t.git().seriesBranch(id));
        if (pr.isPresent()) {
          pulls.close(t, view, pr.get(), PrTexts.notRelevant("upstream already has \"" + u.subject() + "\""));
          work.closed++;
        }
        LOG.atInfo().addKeyValue("series", id).addKeyValue("subject", u.subject()).log("series already upstream");
      } else {
        PullRequest pr = pulls.applied(t, view, s, test.subject(), outcome, bases);
        String head = outcome instanceof SeriesOutcome.Pushed p ? p.head().sha()
            : ((SeriesOutcome.Unchanged) outcome).head().sha();
        work.applied++;
        work.checks += results(t, view, g, s, pr.htmlUrl(), head);
      }
      break;
    }
    handled.put(id, fingerprint);
  }

  /**
   * Posts the results of the pull request's runs as checks, then mails them when they turned.
   * The mail reads the runs the checks just read (the view keeps them), and asks Patchwork for
   * the series ({@code known} null) only when a mail is due.
   */
  private int results(Target t, RepoView view, SeriesGroup g, PwSeries known, String prUrl, String head)
      throws GitHubException, PatchworkException {
    int posted = checks.runs(t, view, ids(g), prUrl, head);
    if (mailer != null) {
      long id = g.series().id();
      mailer.offer(id, prUrl, view.runsOf(head), known != null ? () -> known : () -> withStates(patchwork.series(id), g));
    }
    return posted;
  }

  /** Where the series' pull request is open (or its conflict known), if anywhere. */
  private record Handled(Target target, PullRequest pr) {}

  private Optional<Handled> handledOn(Work work, CyclePlan.Test test) throws GitHubException {
    long id = test.series().series().id();
    for (String b : test.tryOrder()) {
      Target t = target(b);
      Optional<PullRequest> pr = work.view(t).openFor(t.git().seriesBranch(id));
      if (pr.isPresent() && !pr.get().hasLabel(CyclePlanner.MERGE_CONFLICT)) {
        return Optional.of(new Handled(t, pr.get()));
      }
    }
    return handled.containsKey(id) ? Optional.of(new Handled(target(test.tryOrder().get(0)), null)) : Optional.empty();
  }

  private void pruneBranches(Work work, Target t) throws Exception {
    Instant now = work.now;
    RepoView view = work.view(t);
    for (String branch : seriesBranches.list(t.local().git(), t.git()).keySet()) {
      if (!branch.endsWith("=>" + t.name())) {
        continue;
      }
      if (view.openFor(branch).isPresent()) {
        state.forgetBranch(branch);
      } else if (state.orphaned(branch, now).plus(config.seriesBranchTtl()).isBefore(now)) {
        seriesBranches.delete(t.local().git(), t.git(), branch);
        state.forgetBranch(branch);
        metrics.branchDeleted();
        LOG.atInfo().addKeyValue("branch", branch).log("stale series branch deleted");
      }
    }
  }

  private Target target(String name) {
    Target t = targets.get(name);
    if (t == null) {
      throw new IllegalStateException("no target branch " + name + " (the config was validated?)");
    }
    return t;
  }

  /** The patches in series order with the states the listing gave (series details carry none). */
  private static PwSeries withStates(PwSeries s, SeriesGroup g) {
    Map<Long, PwPatch> listed = new HashMap<>();
    g.patches().forEach(p -> listed.put(p.id(), p));
    List<PwPatch> patches = new ArrayList<>();
    for (PwPatch p : s.patches()) {
      patches.add(listed.getOrDefault(p.id(), p));
    }
    return new PwSeries(s.id(), s.name(), s.version(), s.date(), s.webUrl(), s.mbox(), s.submitterName(),
        s.submitterEmail(), s.coverName(), s.coverMsgid(), patches);
  }

  private static List<Long> ids(SeriesGroup g) {
    return g.patches().stream().map(PwPatch::id).toList();
  }

  private static String fingerprint(SeriesGroup g) {
    StringBuilder b = new StringBuilder();
    g.patches().forEach(p -> b.append(p.id()).append(':').append(p.state()).append(';'));
    return b.toString();
  }

  /** A pass's working set: views of the repositories, bases fetched once, counts. */
  private final class Work {
    final Map<String, RepoView> views;
    final Instant now;
    final Map<String, BaseBranchKeeper.Bases> refreshed = new HashMap<>();
    final Map<String, BaseBranchKeeper.Bases> previous = new HashMap<>(lastBases);
    int applied;
    int conflicts;
    int closed;
    int checks;
    int errors;

    Work(Map<String, RepoView> views, Instant now) {
      this.views = views;
      this.now = now;
    }

    RepoView view(Target t) {
      return views.get(t.github().ref().fullName());
    }

    /** The target's bases, fetched (and pushed when they changed) once per pass. */
    BaseBranchKeeper.Bases bases(Target t) throws GitException {
      BaseBranchKeeper.Bases b = refreshed.get(t.name());
      if (b == null) {
        b = keeper.refresh(t.local().git(), t.git());
        refreshed.put(t.name(), b);
        basesFetched.put(t.name(), now);
        lastBases.put(t.name(), b);
      }
      return b;
    }

    /**
     * Whether the target's upstream moved since its series were last applied: fetched now when
     * the last fetch is older than {@link #BASE_REFRESH}.
     */
    boolean moved(String branch) {
      Instant fetched = basesFetched.get(branch);
      if (fetched != null && fetched.plus(BASE_REFRESH).isAfter(now) && !refreshed.containsKey(branch)) {
        return false;
      }
      BaseBranchKeeper.Bases before = previous.get(branch);
      try {
        BaseBranchKeeper.Bases after = bases(target(branch));
        return before != null && !before.base().equals(after.base());
      } catch (GitException e) {
        LOG.atWarn().addKeyValue("branch", branch).setCause(e).log("cannot fetch the bases");
        return false;
      }
    }

    /** Runs one step; a failure is logged and counted and the pass goes on, unless GitHub says stop. */
    void guard(String what, Step step) throws GitHubException {
      try {
        step.run();
      } catch (RateLimitedException e) {
        throw e;
      } catch (Exception e) {
        errors++;
        LOG.atWarn().addKeyValue("work", what).setCause(e).log("step failed; the next pass tries again");
      }
    }
  }

  private interface Step {
    void run() throws Exception;
  }
}
