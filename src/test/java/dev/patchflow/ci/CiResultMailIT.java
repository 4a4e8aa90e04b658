package dev.patchflow.ci;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import dev.patchflow.api.Json;
import dev.patchflow.forge.FakeActions;
import dev.patchflow.forge.PullRequest;
import jakarta.mail.Message;
import jakarta.mail.internet.MimeMessage;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The result mail end to end: the demo series on Patchflow's server, its pull request on the
 * fake GitHub, workflow runs completed by the test, and the mail read back from a real SMTP
 * server (GreenMail).
 */
class CiResultMailIT {
  @TempDir Path tmp;
  GreenMail smtp;

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

  String email() {
    return String.join("\n",
        "  email:",
        "    host: 127.0.0.1",
        "    port: " + smtp.getSmtp().getPort(),
        "    user: ci",
        "    from: ci@example.org",
        "    pass: smtp-pw",
        "    to: [widgets@lists.example.org]",
        "    cc: [maint@example.org]",
        "    submitter_allowlist: ['.*@example\\.org']",
        "    email_ignore_workflows: ['lint']");
  }

  @Test
  void aResultIsMailedOnceAsAReplyToTheCoverLetterAndAgainWhenItTurns() throws Exception {
    try (BridgeFixture f = new BridgeFixture(tmp)) {
      // a second workflow that never finishes: ignored, so it does not hold the mail back
      f.github.actions.onPullRequest("lint", "docs");
      assertThat(f.bridge(f.load(CiBridgeIT.TOKEN, email())).pass(true).plan().tests()).isNotEmpty();
      CiBridge bridge = f.bridge(f.load(CiBridgeIT.TOKEN, email()));
      assertThat(bridge.pass(false).errors()).isZero();
      assertThat(smtp.getReceivedMessages()).as("dry run and pending runs mail nothing").isEmpty();

      PullRequest limits = CiBridgeIT.gh(f).pulls().listOpen().stream().filter(p -> p.title().equals("widget limits"))
          .findFirst().orElseThrow();
      f.github.actions.syncWorkflows();
      FakeActions.Run ci = f.github.actions.runsFor(limits.headSha()).stream()
          .filter(r -> r.jobIds().size() == 2).findFirst().orElseThrow();
      f.clock.advance(Duration.ofMinutes(1));
      f.github.actions.completeJob(ci.jobIds().get(0), "success"); // build
      f.github.actions.completeJob(ci.jobIds().get(1), "failure"); // test
      assertThat(bridge.pass(false).errors()).isZero();

      long v2 = CiBridgeIT.seriesId(f, "widget limits", 2);
      JsonNode cover = Json.read(f.server.get("/api/1.3/series/" + v2 + "/", null).body()).get("cover_letter");
      String coverId = cover.get("msgid").asText().replaceAll("^<|>$", "");
      List<MimeMessage> mails = distinct(smtp.getReceivedMessages());
      assertThat(mails).hasSize(1);
      MimeMessage fail = mails.get(0);
      assertThat(fail.getSubject()).isEqualTo("Re: " + cover.get("name").asText());
      assertThat(fail.getHeader("In-Reply-To", null)).isEqualTo("<" + coverId + ">");
      assertThat(fail.getHeader("References", null)).contains("<" + coverId + ">");
      assertThat(addresses(fail, Message.RecipientType.TO)).containsExactly("widgets@lists.example.org", "ada@example.org");
      assertThat(addresses(fail, Message.RecipientType.CC)).containsExactly("maint@example.org");
      String body = fail.getContent().toString();
      assertThat(body).contains("Series:       widget limits", "Version:      2", "Result:       failure",
          limits.htmlUrl(), "/job/" + ci.jobIds().get(1)).doesNotContain("lint");
      assertThat(body.indexOf("CI / test")).isLessThan(body.indexOf("CI / build"));

      // nothing new: no second mail, not even after a restart
      assertThat(bridge.pass(false).errors()).isZero();
      CiBridge restarted = f.bridge(f.load(CiBridgeIT.TOKEN, email()));
      assertThat(restarted.pass(false).errors()).isZero();
      assertThat(distinct(smtp.getReceivedMessages())).hasSize(1);

      // the run is re-run and passes: one more mail, in the same thread
      f.clock.advance(Duration.ofMinutes(1));
      f.github.actions.rerun(ci.id());
      assertThat(restarted.pass(false).errors()).isZero();
      assertThat(distinct(smtp.getReceivedMessages())).as("pending again is no result").hasSize(1);
      f.clock.advance(Duration.ofMinutes(1));
      f.github.actions.completeRun(ci.id(), "success");
      assertThat(restarted.pass(false).errors()).isZero();
      mails = distinct(smtp.getReceivedMessages());
      assertThat(mails).hasSize(2);
      MimeMessage pass = mails.get(1);
      assertThat(pass.getContent().toString()).contains("Result:       success");
      assertThat(pass.getHeader("In-Reply-To", null)).isEqualTo("<" + coverId + ">");
      assertThat(f.registry.get("patchflow.ci.mails").counter().count()).isEqualTo(2);
      assertThat(CiBridgeIT.check(f, CiBridgeIT.patchIds(f, v2).get(0), "widgets_test")).isEqualTo("success");
    }
  }

  /** One message per mail: GreenMail keeps a copy for each recipient, all with one Message-ID. */
  private static List<MimeMessage> distinct(MimeMessage[] got) {
    java.util.Map<String, MimeMessage> byId = new java.util.LinkedHashMap<>();
    for (MimeMessage m : got) {
      try {
        byId.putIfAbsent(m.getMessageID(), m);
      } catch (jakarta.mail.MessagingException e) {
        throw new AssertionError(e);
      }
    }
    return List.copyOf(byId.values());
  }

  private static List<String> addresses(MimeMessage m, Message.RecipientType type) throws Exception {
    return m.getRecipients(type) == null ? List.of()
        : Arrays.stream(m.getRecipients(type)).map(Object::toString).toList();
  }
}
