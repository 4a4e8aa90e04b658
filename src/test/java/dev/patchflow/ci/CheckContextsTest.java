package dev.patchflow.ci;

import static org.assertj.core.api.Assertions.assertThat;

import dev.patchflow.ci.RunView.JobView;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CheckContextsTest {
  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "bpf-next                                          | bpf-next",
      "bpf-next_base                                     | bpf-next_base",
      "x86_64-gcc / test (test_progs, false, 360)        | x86_64-gcc_test_test_progs_false_360",
      "a__b  c                                           | a_b_c",
      "(leading and trailing)                            | leading_and_trailing",
      "ünïcode name                                      | n_code_name"})
  void slugs(String in, String out) {
    assertThat(CheckContexts.slug(in)).isEqualTo(out).matches("[-a-zA-Z0-9_]*");
  }

  @Test
  void contextsAreNamedAfterTheBranch() {
    assertThat(CheckContexts.summary("bpf-next")).isEqualTo("bpf-next-PR");
    assertThat(CheckContexts.conflict("bpf-next")).isEqualTo("bpf-next_PR");
    assertThat(CheckContexts.job("bpf/next", "build (x86_64, gcc)")).isEqualTo("bpf_next_build_x86_64_gcc");
  }

  @Test
  void aPrGetsASummaryAndOneCheckPerJob() {
    RunView build = new RunView("build", "completed", "success", "https://gh/run/1", List.of(
        new JobView("x86 build", "completed", "success", "https://gh/job/11", List.of()),
        new JobView("arm build", "completed", "skipped", "https://gh/job/12", List.of())));
    RunView test = new RunView("test", "in_progress", null, "https://gh/run/2", List.of(
        new JobView("x86 build", "completed", "failure", "https://gh/job/21", List.of()),
        new JobView("selftests", "in_progress", null, "https://gh/job/22", List.of())));

    List<PwCheck> checks = CheckContexts.forRuns("bpf", "https://gh/pr/5", List.of(build, test));

    assertThat(checks).containsExactly(
        new PwCheck("bpf-PR", CheckState.PENDING, "https://gh/pr/5", "PR summary"),
        // the same job name in two runs: the worse one is reported
        new PwCheck("bpf_x86_build", CheckState.FAIL, "https://gh/job/21", "Logs for x86 build"),
        new PwCheck("bpf_arm_build", CheckState.SUCCESS, "https://gh/job/12", "Logs for arm build"),
        new PwCheck("bpf_selftests", CheckState.PENDING, "https://gh/job/22", "Logs for selftests"));
    assertThat(CheckContexts.forRuns("bpf", "u", List.of()))
        .containsExactly(new PwCheck("bpf-PR", CheckState.PENDING, "u", "PR summary"));
    assertThat(CheckContexts.forConflict("bpf", "u"))
        .isEqualTo(new PwCheck("bpf_PR", CheckState.FAIL, "u", "merge-conflict"));
  }
}
