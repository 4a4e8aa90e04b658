package dev.patchflow.ci;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CheckPlanTest {
  @ParameterizedTest(name = "{0} -> {1}: {4}")
  @CsvSource(nullValues = "null", value = {
      // last state, next state, last target, next target, post?
      "null, PENDING, null, u, true",
      "null, SUCCESS, null, u, true",
      "PENDING, PENDING, u, u, false",
      "PENDING, SUCCESS, u, u, true",
      "PENDING, FAIL, u, u, true",
      "SUCCESS, SUCCESS, u, u, false",
      "SUCCESS, FAIL, u, u, true",
      "FAIL, SUCCESS, u, u, true",
      "SUCCESS, PENDING, u, u, false",
      "FAIL, PENDING, u, v, false",
      "PENDING, PENDING, u, v, true",
      "SUCCESS, SUCCESS, u, v, true"})
  void shouldPost(CheckState last, CheckState next, String lastTarget, String nextTarget, boolean post) {
    PwCheck before = last == null ? null : new PwCheck("c", last, lastTarget, "d");
    assertThat(CheckPlan.shouldPost(before, new PwCheck("c", next, nextTarget, "d"))).isEqualTo(post);
  }

  @Test
  void aChangedDescriptionIsPosted() {
    assertThat(CheckPlan.shouldPost(new PwCheck("c", CheckState.FAIL, "u", "a"), new PwCheck("c", CheckState.FAIL, "u", "b")))
        .isTrue();
  }

  @Test
  void onlyWhatChangedIsPostedOnEachPatch() {
    PwCheck summary = new PwCheck("bpf-PR", CheckState.SUCCESS, "pr", "PR summary");
    PwCheck job = new PwCheck("bpf_build", CheckState.SUCCESS, "job", "Logs for build");
    Map<CheckPlan.Key, PwCheck> last = Map.of(
        new CheckPlan.Key(1, "bpf-PR"), summary,
        new CheckPlan.Key(1, "bpf_build"), new PwCheck("bpf_build", CheckState.PENDING, "job", "Logs for build"),
        new CheckPlan.Key(2, "bpf-PR"), summary,
        new CheckPlan.Key(2, "bpf_build"), job);

    assertThat(CheckPlan.plan(last, List.of(1L, 2L, 3L), List.of(summary, job))).containsExactly(
        new CheckPlan.Post(1, job), new CheckPlan.Post(3, summary), new CheckPlan.Post(3, job));
  }
}
