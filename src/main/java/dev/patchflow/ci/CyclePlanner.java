package dev.patchflow.ci;

import dev.patchflow.forge.PullRequest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns the verdicts on Patchwork's series and the pull requests open on GitHub into a cycle's
 * plan. Pure: the same inputs give the same plan, so the rules are tested without a server.
 */
public final class CyclePlanner {
  static final String MERGE_CONFLICT = "merge-conflict";
  private static final Pattern SERIES_HEAD = Pattern.compile("series/(\\d+)=>(.+)");

  private CyclePlanner() {}

  /** A series branch name taken apart: the series id and the target branch. */
  record SeriesHead(long seriesId, String branch) {
    static SeriesHead parse(String head) {
      Matcher m = SERIES_HEAD.matcher(head == null ? "" : head);
      return m.matches() ? new SeriesHead(Long.parseLong(m.group(1)), m.group(2)) : null;
    }
  }

  /**
   * @param openPulls the open pull requests of ours on each target branch's repository, by
   *     target branch name (several targets may share a repository: each sees only the pull
   *     requests whose head names it)
   */
  public static CyclePlan plan(List<Relevance.Verdict> verdicts, Map<String, List<PullRequest>> openPulls,
      Map<String, List<String>> mapping) {
    Map<Long, PullRequest> prBySeries = new HashMap<>();
    Map<Long, String> branchBySeries = new HashMap<>();
    List<PullRequest> ours = new ArrayList<>();
    Map<PullRequest, String> target = new HashMap<>();
    openPulls.forEach((branch, prs) -> {
      for (PullRequest pr : prs) {
        SeriesHead h = SeriesHead.parse(pr.headRef());
        if (h != null && h.branch().equals(branch)) {
          ours.add(pr);
          target.put(pr, branch);
          if (!pr.hasLabel(MERGE_CONFLICT)) {
            prBySeries.put(h.seriesId(), pr);
            branchBySeries.put(h.seriesId(), branch);
          }
        }
      }
    });

    List<CyclePlan.Test> tests = new ArrayList<>();
    List<CyclePlan.Skip> skips = new ArrayList<>();
    Map<Long, Set<String>> routedTo = new HashMap<>();
    Map<Long, String> closeWhy = new HashMap<>();
    for (Relevance.Verdict v : verdicts) {
      for (SeriesGroup old : v.superseded()) {
        closeWhy.put(old.series().id(), PrTexts.superseded(v.newest().series()));
      }
      long id = v.newest().series().id();
      if (v instanceof Relevance.Verdict.Dropped d) {
        closeWhy.put(id, PrTexts.notRelevant(d.detail() == null ? d.reason().name().toLowerCase() : d.detail()));
        skips.add(new CyclePlan.Skip(v.subject(), d.reason().name().toLowerCase() + (d.detail() == null ? "" : ": " + d.detail())));
        continue;
      }
      Set<String> tags = tags(v.newest());
      BranchRouter.Route route = BranchRouter.route(tags, mapping);
      if (route instanceof BranchRouter.Route.Skip s) {
        skips.add(new CyclePlan.Skip(v.subject(), s.reason()));
        closeWhy.put(id, PrTexts.notRelevant(s.reason()));
        continue;
      }
      List<String> branches = ((BranchRouter.Route.Branches) route).branches();
      String keep = branchBySeries.get(id);
      if (keep != null && !branches.contains(keep)) {
        keep = null;
      }
      tests.add(new CyclePlan.Test(v.subject(), v.newest(), branches, keep));
      routedTo.put(id, Set.copyOf(branches));
    }

    List<CyclePlan.Close> closes = new ArrayList<>();
    for (PullRequest pr : ours) {
      SeriesHead h = SeriesHead.parse(pr.headRef());
      Set<String> routed = routedTo.get(h.seriesId());
      if (routed != null && routed.contains(h.branch())) {
        continue;
      }
      String why = closeWhy.getOrDefault(h.seriesId(), routed != null
          ? PrTexts.notRelevant("the series is now tested on another branch")
          : PrTexts.notRelevant("the series is no longer listed as relevant on Patchwork"));
      closes.add(new CyclePlan.Close(target.get(pr), pr, why));
    }
    return new CyclePlan(tests, closes, skips);
  }

  static Set<String> tags(SeriesGroup g) {
    List<String> states = new ArrayList<>(new LinkedHashSet<>(g.patches().stream().map(PwPatch::state).toList()));
    List<String> names = new ArrayList<>();
    names.add(g.series().name());
    g.patches().forEach(p -> names.add(p.name()));
    return SeriesTags.of(g.series().version(), states, names);
  }
}
