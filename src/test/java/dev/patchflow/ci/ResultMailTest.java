package dev.patchflow.ci;

import static org.assertj.core.api.Assertions.assertThat;

import dev.patchflow.ci.config.EmailConfig;
import dev.patchflow.config.Secret;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ResultMailTest {
  static final String PR = "https://github.com/kernel-patches/widgets/pull/7";

  static EmailConfig config(List<String> allowlist, boolean ignoreAllowlist, List<String> ignoredWorkflows) {
    return new EmailConfig("smtp.example.org", null, "ci", "ci@example.org", Secret.of("pw"),
        List.of("list@example.org", "bot-log@example.org"), List.of("maint@example.org", "LIST@example.org"), null,
        allowlist, ignoreAllowlist, ignoredWorkflows, null);
  }

  static PwSeries series(String coverName, String coverMsgid) {
    List<PwPatch> patches = List.of(
        new PwPatch(11, "[v2,1/2] widget: add a limit", "<p1@dev.example.org>", "new", false, Instant.EPOCH, "Dev",
            "dev@kernel.org", List.of()),
        new PwPatch(12, "[v2,2/2] widget: use the limit", "<p2@dev.example.org>", "new", false, Instant.EPOCH, "Dev",
            "dev@kernel.org", List.of()));
    return new PwSeries(5, "[v2] widget limits", 2, Instant.EPOCH, "https://pw.example.org/series/5/", null, "Dev",
        "dev@kernel.org", coverName, coverMsgid, patches);
  }

  static RunView run(String name, String conclusion, RunView.JobView... jobs) {
    return new RunView(name, "completed", conclusion, "https://github.com/r/actions/runs/1", List.of(jobs));
  }

  static RunView.JobView job(String name, String conclusion) {
    return new RunView.JobView(name, "completed", conclusion, "https://github.com/r/job/" + name,
        List.of(new RunView.StepView("run", "completed", conclusion)));
  }

  @Test
  void theSubmitterIsMailedOnlyWhenTheAllowlistMatchesTheWholeAddress() {
    ResultMail kernelOrg = new ResultMail(config(List.of(".*@kernel\\.org"), false, List.of()));
    assertThat(kernelOrg.to("Dev@Kernel.org")).containsExactly("list@example.org", "bot-log@example.org", "Dev@Kernel.org");
    assertThat(kernelOrg.to("dev@kernel.org.evil.example")).containsExactly("list@example.org", "bot-log@example.org");
    assertThat(kernelOrg.to(null)).containsExactly("list@example.org", "bot-log@example.org");
    ResultMail none = new ResultMail(config(List.of(), false, List.of()));
    assertThat(none.to("dev@kernel.org")).doesNotContain("dev@kernel.org");
    ResultMail everyone = new ResultMail(config(List.of(), true, List.of()));
    assertThat(everyone.to("someone@anywhere.example")).contains("someone@anywhere.example");
    // already on the list: once
    assertThat(everyone.to("LIST@example.org")).containsExactly("list@example.org", "bot-log@example.org");
  }

  @Test
  void aMailRepliesToTheCoverLetterWithItsSubject() {
    ResultMail rm = new ResultMail(config(List.of(".*@kernel\\.org"), false, List.of()));
    ResultMail.Result r = rm.result(List.of(run("CI", "success", job("build", "success"))));
    ResultMail.Message m = rm.compose(series("[v2,0/2] widget limits", "<cover@dev.example.org>"), PR, r);
    assertThat(m.subject()).isEqualTo("Re: [v2,0/2] widget limits");
    assertThat(m.inReplyTo()).isEqualTo("cover@dev.example.org");
    assertThat(m.references()).containsExactly("cover@dev.example.org");
    assertThat(m.from()).isEqualTo("ci@example.org");
    assertThat(m.to()).containsExactly("list@example.org", "bot-log@example.org", "dev@kernel.org");
    // cc leaves out who already gets it as To
    assertThat(m.cc()).containsExactly("maint@example.org");
  }

  @Test
  void withoutACoverLetterTheMailRepliesToTheFirstPatch() {
    ResultMail rm = new ResultMail(config(List.of(), false, List.of()));
    ResultMail.Message m = rm.compose(series(null, null), PR,
        rm.result(List.of(run("CI", "success", job("build", "success")))));
    assertThat(m.subject()).isEqualTo("Re: [v2,1/2] widget: add a limit");
    assertThat(m.inReplyTo()).isEqualTo("p1@dev.example.org");
    assertThat(m.references()).containsExactly("p1@dev.example.org");
  }

  @Test
  void aFailureMailListsTheFailedJobsFirstWithTheirLinks() {
    ResultMail rm = new ResultMail(config(List.of(), false, List.of()));
    ResultMail.Result r = rm.result(List.of(run("CI", "failure", job("build", "success"), job("test", "failure"))));
    assertThat(r.state()).isEqualTo(CheckState.FAIL);
    String body = rm.compose(series("[v2,0/2] widget limits", "<c@x>"), PR, r).body();
    assertThat(body).contains("Series:       widget limits", "Version:      2", "Result:       failure",
        "Pull request: " + PR, "https://pw.example.org/series/5/", "https://github.com/r/job/test",
        "https://github.com/r/job/build");
    assertThat(body.indexOf("CI / test")).isPositive().isLessThan(body.indexOf("CI / build"));
    assertThat(body).contains("fail     CI / test", "success  CI / build");
  }

  @Test
  void aSuccessMailSaysSo() {
    ResultMail rm = new ResultMail(config(List.of(), false, List.of()));
    ResultMail.Result r = rm.result(List.of(run("CI", "success", job("build", "success"), job("test", "success"))));
    String body = rm.compose(series(null, null), PR, r).body();
    assertThat(body).contains("Result:       success").doesNotContain("failure");
    assertThat(body.indexOf("CI / build")).isLessThan(body.indexOf("CI / test"));
  }

  @Test
  void ignoredWorkflowsDoNotCount() {
    ResultMail rm = new ResultMail(config(List.of(), false, List.of("lint.*")));
    ResultMail.Result r = rm.result(List.of(run("lint-docs", "failure", job("docs", "failure")),
        run("CI", "success", job("build", "success"))));
    assertThat(r.state()).isEqualTo(CheckState.SUCCESS);
    assertThat(r.jobs()).extracting(ResultMail.Job::name).containsExactly("build");
    // the regex matches whole names: "CI-lint" still counts
    ResultMail.Result whole = rm.result(List.of(run("CI-lint", "failure", job("docs", "failure"))));
    assertThat(whole.state()).isEqualTo(CheckState.FAIL);
    // only ignored workflows: nothing final to mail
    assertThat(rm.result(List.of(run("lint", "failure"))).mailable()).isFalse();
  }

  @Test
  void onlyAFinalResultIsMailable() {
    ResultMail rm = new ResultMail(config(List.of(), false, List.of()));
    assertThat(rm.result(List.of()).mailable()).isFalse();
    assertThat(rm.result(List.of(new RunView("CI", "in_progress", null, "u", List.of()))).mailable()).isFalse();
    assertThat(rm.result(List.of(run("CI", "failure"))).mailable()).isTrue();
    // a failure cut short by a force-push is not a result
    RunView cut = new RunView("CI", "completed", "failure", "u", List.of(new RunView.JobView("build", "completed",
        "failure", "j", List.of(new RunView.StepView("run", "in_progress", null)))));
    assertThat(rm.result(List.of(cut)).mailable()).isFalse();
  }

  @Test
  void aSubjectWithALineBreakStaysOneLine() {
    assertThat(ResultMail.subject(series("[v2,0/2] widget\r\n limits", "<c@x>"))).isEqualTo("Re: [v2,0/2] widget  limits");
  }

  @Test
  void theSmtpSecurityFollowsThePort() {
    EmailConfig c = config(List.of(), false, List.of());
    assertThat(ResultMailer.smtp(c).securityOrDefault()).hasToString("TLS");
    assertThat(ResultMailer.smtp(c).portOrDefault()).isEqualTo(465);
    EmailConfig starttls = new EmailConfig("h", 587, "u", "f@x.org", Secret.of("p"), null, null, null, null, null, null, null);
    assertThat(ResultMailer.smtp(starttls).securityOrDefault()).hasToString("STARTTLS");
    EmailConfig plain = new EmailConfig("h", 2525, "u", "f@x.org", Secret.of("p"), null, null, null, null, null, null, null);
    assertThat(ResultMailer.smtp(plain).securityOrDefault()).hasToString("NONE");
    assertThat(ResultMailer.smtp(plain).from()).isEqualTo("f@x.org");
  }
}
