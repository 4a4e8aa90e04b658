package dev.patchflow.notify;

import static org.assertj.core.api.Assertions.assertThat;

import dev.patchflow.config.NotificationsConfig;
import dev.patchflow.config.ProjectConfig;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FailureMailsTest {
  private static final FailedTest T = new FailedTest("widgets", "[PATCH v2 0/3] widget: faster\nframes", "https://pf/series/7/",
      "build", "failure", "https://pf/api/v1/jobs/9/log", "Ada@Example.org", List.of("widgets@lists.example.org"),
      "cover.7@example.org", List.of("v1.cover@example.org"));

  @Test
  void placeholdersAreFilledOnceAndUnknownOnesKept() {
    assertThat(NoticeTemplate.render("{test} {status} {nope} {log_url}", Map.of("test", "{status}", "status", "failure",
        "log_url", "$1\\\\x"))).isEqualTo("{status} failure {nope} $1\\\\x");
  }

  @Test
  void theMailNamesTheFailureAndAnswersTheSeriesThread() {
    NotificationsConfig.OnFailure rule = new NotificationsConfig.OnFailure(List.of("ci@example.org", "ada@example.org"),
        true, true, "Re: {series}: {test} {status}", "{project}: {test} {status} on {series_url}\nLog: {log_url}\n");
    FailureMail m = FailureMails.compose(rule, "bot@example.org", T);
    assertThat(m.subject()).isEqualTo("Re: [PATCH v2 0/3] widget: faster frames: build failure");
    assertThat(m.body()).isEqualTo("widgets: build failure on https://pf/series/7/\nLog: https://pf/api/v1/jobs/9/log\n");
    assertThat(m.to()).containsExactly("ci@example.org", "ada@example.org", "widgets@lists.example.org");
    assertThat(m.inReplyTo()).isEqualTo("cover.7@example.org");
    assertThat(m.references()).containsExactly("v1.cover@example.org", "cover.7@example.org");
    assertThat(m.from()).isEqualTo("bot@example.org");
  }

  @Test
  void onlyTheAskedRecipientsAndTheDefaultTextNamesEverything() {
    FailureMail m = FailureMails.compose(new NotificationsConfig.OnFailure(List.of("ci@example.org"), null, null, null,
        null), "bot@example.org", T);
    assertThat(m.to()).containsExactly("ci@example.org");
    assertThat(m.subject()).contains("build").contains("failure");
    assertThat(m.body()).contains("https://pf/api/v1/jobs/9/log").contains("https://pf/series/7/").contains("widgets");
  }

  @Test
  void listAddressesAreThoseTheSeriesWasSentToElseTheFirst() {
    ProjectConfig p = new ProjectConfig("w", null, List.of("a@lists.org", "b@lists.org"), List.of());
    assertThat(FailureNotifier.lists(p, "someone@x.org, B@Lists.org")).containsExactly("b@lists.org");
    assertThat(FailureNotifier.lists(p, null)).containsExactly("a@lists.org");
    assertThat(FailureNotifier.lists(new ProjectConfig("w", "w.org", List.of(), List.of()), "a@lists.org")).isEmpty();
    assertThat(FailureNotifier.seriesUrl("https://pf.example.org/x/api/v1/jobs/3/log", 7))
        .isEqualTo("https://pf.example.org/x/series/7/");
  }
}
