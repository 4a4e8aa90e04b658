package dev.patchflow.ci;

import static org.assertj.core.api.Assertions.assertThat;

import dev.patchflow.forge.Label;
import dev.patchflow.forge.PullRequest;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CyclePlannerTest {
  static final Instant NOW = RelevanceTest.NOW;
  static final Map<String, List<String>> MAPPING = mapping();

  static Map<String, List<String>> mapping() {
    Map<String, List<String>> m = new LinkedHashMap<>();
    m.put("RFC", List.of());
    m.put("bpf", List.of("bpf", "bpf-next"));
    m.put("__DEFAULT__", List.of("bpf-next"));
    return m;
  }

  static PullRequest pr(int number, String head, String... labels) {
    return new PullRequest(number, "t", "", PullRequest.State.OPEN, head, "abc", head.substring(head.indexOf("=>") + 2)
        + "_base", java.util.Arrays.stream(labels).map(l -> new Label(l, "ffffff")).toList(), "https://gh/pr/" + number,
        "bot", NOW);
  }

  static List<Relevance.Verdict> verdicts(PwPatch... patches) {
    return Relevance.decide(List.of(patches), RelevanceTest.RULES, NOW);
  }

  static PwPatch patch(long id, PwSeriesRef s, String state) {
    return RelevanceTest.patch(id, s, state, NOW.minusSeconds(60));
  }

  @Test
  void theNewestVersionIsTestedAndTheOldVersionsPullRequestClosed() {
    PwSeriesRef v1 = RelevanceTest.series(10, "[PATCH bpf-next] bpf: x", 1);
    PwSeriesRef v2 = RelevanceTest.series(11, "[PATCH bpf-next v2] bpf: x", 2);
    CyclePlan plan = CyclePlanner.plan(verdicts(patch(1, v1, "new"), patch(2, v2, "new")),
        Map.of("bpf-next", List.of(pr(5, "series/10=>bpf-next"))), MAPPING);
    assertThat(plan.tests()).singleElement().satisfies(t -> {
      assertThat(t.series().series().id()).isEqualTo(11);
      assertThat(t.tryOrder()).containsExactly("bpf-next");
    });
    assertThat(plan.closes()).singleElement().satisfies(c -> {
      assertThat(c.pr().number()).isEqualTo(5);
      assertThat(c.comment()).contains("version 2");
    });
  }

  @Test
  void anOpenPullRequestWithoutConflictPinsTheBranchAndAConflictedOneDoesNot() {
    PwSeriesRef s = RelevanceTest.series(20, "[PATCH bpf] bpf: y", 1);
    CyclePlan pinned = CyclePlanner.plan(verdicts(patch(1, s, "new")),
        Map.of("bpf-next", List.of(pr(7, "series/20=>bpf-next"))), MAPPING);
    assertThat(pinned.tests().get(0).tryOrder()).containsExactly("bpf-next");
    assertThat(pinned.closes()).isEmpty();
    CyclePlan conflicted = CyclePlanner.plan(verdicts(patch(1, s, "new")),
        Map.of("bpf", List.of(pr(7, "series/20=>bpf", "merge-conflict"))), MAPPING);
    assertThat(conflicted.tests().get(0).tryOrder()).containsExactly("bpf", "bpf-next");
    assertThat(conflicted.closes()).isEmpty();
  }

  @Test
  void closedSkippedAndForgottenSeriesLoseTheirPullRequests() {
    PwSeriesRef accepted = RelevanceTest.series(30, "[PATCH] net: z", 1);
    PwSeriesRef rfc = RelevanceTest.series(31, "[RFC PATCH] mm: w", 1);
    CyclePlan plan = CyclePlanner.plan(verdicts(patch(1, accepted, "accepted"), patch(2, rfc, "new")),
        Map.of("bpf-next", List.of(pr(1, "series/30=>bpf-next"), pr(2, "series/31=>bpf-next"),
            pr(3, "series/99=>bpf-next"), pr(4, "someone-elses-branch"))), MAPPING);
    assertThat(plan.tests()).isEmpty();
    assertThat(plan.skips()).extracting(CyclePlan.Skip::subject).containsExactlyInAnyOrder("net: z", "mm: w");
    assertThat(plan.closes()).extracting(c -> c.pr().number()).containsExactlyInAnyOrder(1, 2, 3);
    assertThat(plan.closes()).filteredOn(c -> c.pr().number() == 1).singleElement()
        .satisfies(c -> assertThat(c.comment()).contains("accepted"));
  }

  @Test
  void aPullRequestOnAnotherTargetsBranchIsNotOurs() {
    PwSeriesRef s = RelevanceTest.series(40, "[PATCH bpf-next] bpf: v", 1);
    // the repository is shared: bpf's view lists bpf-next's pull request too, which it must not touch
    CyclePlan plan = CyclePlanner.plan(verdicts(patch(1, s, "new")),
        Map.of("bpf", List.of(pr(9, "series/40=>bpf-next")), "bpf-next", List.of(pr(9, "series/40=>bpf-next"))),
        MAPPING);
    assertThat(plan.closes()).isEmpty();
    assertThat(plan.tests().get(0).tryOrder()).containsExactly("bpf-next");
  }
}
