package dev.patchflow.ci;

import static org.assertj.core.api.Assertions.assertThat;

import dev.patchflow.ci.RunView.JobView;
import dev.patchflow.ci.RunView.StepView;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CheckStatesTest {
  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(nullValues = "null", value = {
      "null, PENDING", "'', PENDING", "success, SUCCESS", "skipped, SUCCESS", "neutral, SUCCESS",
      "failure, FAIL", "timed_out, FAIL", "action_required, FAIL", "startup_failure, FAIL", "stale, FAIL",
      "cancelled, PENDING", "FAILURE, FAIL", "something_new, PENDING"})
  void conclusions(String conclusion, CheckState expected) {
    assertThat(CheckStates.of(conclusion)).isEqualTo(expected);
  }

  @ParameterizedTest(name = "[{0}] -> {1}")
  @CsvSource(value = {
      "'', PENDING", "SUCCESS, SUCCESS", "SUCCESS PENDING, PENDING", "PENDING FAIL SUCCESS, FAIL",
      "SUCCESS WARNING, WARNING", "WARNING PENDING, PENDING", "FAIL FAIL, FAIL"})
  void aggregateFailThenPendingThenSuccess(String states, CheckState expected) {
    List<CheckState> in = states.isEmpty() ? List.of()
        : java.util.Arrays.stream(states.split(" ")).map(CheckState::valueOf).toList();
    assertThat(CheckStates.aggregate(in)).isEqualTo(expected);
  }

  static JobView job(String name, String conclusion, String... stepConclusions) {
    List<StepView> steps = java.util.Arrays.stream(stepConclusions)
        .map(c -> new StepView("s", c == null ? "in_progress" : "completed", c)).toList();
    return new JobView(name, "completed", conclusion, "https://gh/job/" + name, steps);
  }

  @Test
  void aFailedRunCutShortByAPushIsPending() {
    RunView cut = new RunView("ci", "completed", "failure", "u", List.of(job("build", "failure", "success", null)));
    RunView failed = new RunView("ci", "completed", "failure", "u", List.of(job("build", "failure", "success", "failure")));
    assertThat(CheckStates.of(cut)).isEqualTo(CheckState.PENDING);
    assertThat(CheckStates.of(cut.jobs().get(0))).isEqualTo(CheckState.PENDING);
    assertThat(CheckStates.of(failed)).isEqualTo(CheckState.FAIL);
    assertThat(CheckStates.of(failed.jobs().get(0))).isEqualTo(CheckState.FAIL);
  }

  @Test
  void aRunStillGoingIsPendingWhateverItsConclusionSays() {
    assertThat(CheckStates.of(new RunView("ci", "in_progress", "success", "u", List.of()))).isEqualTo(CheckState.PENDING);
    assertThat(CheckStates.of(new RunView("ci", "completed", "success", "u", List.of()))).isEqualTo(CheckState.SUCCESS);
  }
}
