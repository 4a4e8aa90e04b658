package dev.patchflow.ci;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import dev.patchflow.ci.config.EmailConfig;
import dev.patchflow.config.Secret;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import jakarta.mail.internet.MimeMessage;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The mailer against a real SMTP server (GreenMail, plain SMTP on a free port). */
class ResultMailerTest {
  @TempDir Path tmp;
  GreenMail smtp;
  final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  final CiMetrics metrics = new CiMetrics(registry);

  @BeforeEach
  void start() {
    smtp = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
    smtp.start();
    smtp.setUser("ci@example.org", "ci", "smtp-pw");
  }

  @AfterEach
  void stop() {
    smtp.stop();
  }

  EmailConfig config(int port) {
    return new EmailConfig("127.0.0.1", port, "ci", "ci@example.org", Secret.of("smtp-pw"), List.of("list@example.org"),
        List.of("maint@example.org"), null, List.of(".*@kernel\\.org"), false, List.of(), null);
  }

  ResultMailer mailer(CiState state) {
    return new ResultMailer(config(smtp.getSmtp().getPort()), state, metrics);
  }

  static List<RunView> runs(String conclusion) {
    return List.of(ResultMailTest.run("CI", conclusion, ResultMailTest.job("build", conclusion)));
  }

  int lookups;

  PwSeries lookup() {
    lookups++;
    return ResultMailTest.series("[v2,0/2] widget limits", "<cover@dev.example.org>");
  }

  @Test
  void eachFlipIsMailedOnceAndARestartDoesNotMailAgain() throws Exception {
    Path file = tmp.resolve("ci-state.json");
    CiState state = CiState.load(file);
    ResultMailer m = mailer(state);
    assertThat(m.offer(5, ResultMailTest.PR, List.of(new RunView("CI", "queued", null, "u", List.of())), this::lookup))
        .isFalse();
    assertThat(lookups).as("no mail due: the series is not asked for").isZero();
    assertThat(m.offer(5, ResultMailTest.PR, runs("failure"), this::lookup)).isTrue();
    assertThat(m.offer(5, ResultMailTest.PR, runs("failure"), this::lookup)).isFalse();
    state.save();

    ResultMailer restarted = mailer(CiState.load(file));
    assertThat(restarted.offer(5, ResultMailTest.PR, runs("failure"), this::lookup)).isFalse();
    assertThat(restarted.offer(5, ResultMailTest.PR, runs("success"), this::lookup)).isTrue();
    // another series has its own history
    assertThat(restarted.offer(6, ResultMailTest.PR, runs("success"), this::lookup)).isTrue();

    MimeMessage[] got = smtp.getReceivedMessages();
    // GreenMail keeps one copy per recipient: list, submitter, cc
    assertThat(got).hasSize(9);
    assertThat(Arrays.stream(got).map(ResultMailerTest::subjectAndResult).distinct())
        .containsExactly("Re: [v2,0/2] widget limits failure", "Re: [v2,0/2] widget limits success");
    MimeMessage first = got[0];
    assertThat(first.getHeader("In-Reply-To", null)).isEqualTo("<cover@dev.example.org>");
    assertThat(first.getHeader("References", null)).isEqualTo("<cover@dev.example.org>");
    assertThat(first.getHeader("To", null)).contains("list@example.org", "dev@kernel.org");
    assertThat(first.getHeader("Cc", null)).isEqualTo("maint@example.org");
    assertThat(registry.get("patchflow.ci.mails").counter().count()).isEqualTo(3);
  }

  @Test
  void anSmtpServerThatIsDownCostsTheMailNotThePassAndItIsTriedAgain() throws Exception {
    CiState state = CiState.load(tmp.resolve("ci-state.json"));
    int port = smtp.getSmtp().getPort();
    smtp.stop();
    ResultMailer down = new ResultMailer(config(port), state, metrics);
    assertThat(down.offer(5, ResultMailTest.PR, runs("failure"), this::lookup)).isFalse();
    assertThat(state.mailed(5)).isEmpty();
    assertThat(registry.find("patchflow.ci.mails").counter()).satisfiesAnyOf(c -> assertThat(c).isNull(),
        c -> assertThat(c.count()).isZero());
    // a lookup that fails is no worse
    assertThat(down.offer(5, ResultMailTest.PR, runs("failure"), () -> {
      throw new PatchworkException("GET", "series/5/", 503, "down");
    })).isFalse();
    smtp = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
    smtp.start();
    smtp.setUser("ci@example.org", "ci", "smtp-pw");
    assertThat(down.offer(5, ResultMailTest.PR, runs("failure"), this::lookup)).isTrue();
    assertThat(state.mailed(5)).contains(CheckState.FAIL);
  }

  private static String subjectAndResult(MimeMessage m) {
    try {
      String body = m.getContent().toString();
      return m.getSubject() + " " + (body.contains("Result:       failure") ? "failure" : "success");
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }
}
