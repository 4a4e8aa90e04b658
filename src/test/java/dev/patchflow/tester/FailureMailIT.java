package dev.patchflow.tester;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import dev.patchflow.config.DatabaseConfig;
import dev.patchflow.config.NotificationsConfig;
import dev.patchflow.config.ProjectConfig;
import dev.patchflow.config.Secret;
import dev.patchflow.config.TestConfig;
import dev.patchflow.notify.FailureNotifier;
import dev.patchflow.store.Database;
import jakarta.mail.internet.MimeMessage;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/** A real tester reports over HTTP; a failure goes out as one mail through a real SMTP server (GreenMail). */
class FailureMailIT {
  private static final String SMTP_PASSWORD = "smtp-pw-right";
  @TempDir Path tmp;
  GreenMail smtp;

  @BeforeEach
  void start() {
    smtp = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
    smtp.start();
    smtp.setUser("bot@example.org", "bot", SMTP_PASSWORD);
  }

  @AfterEach
  void stop() {
    smtp.stop();
  }

  private NotificationsConfig config(String password) {
    return new NotificationsConfig(new NotificationsConfig.Smtp("127.0.0.1", smtp.getSmtp().getPort(),
        NotificationsConfig.Security.NONE, "bot", Secret.of(password), "bot@example.org"),
        new NotificationsConfig.OnFailure(List.of("ci@example.org"), true, false, null, null));
  }

  /** Runs one job of a one-test project to its end, then lets the notifier finish its mail. */
  private long runOne(String script, NotificationsConfig n, String name) throws Exception {
    ProjectConfig project = TesterFixture.project(List.of(new TestConfig("build", script, 60, List.of(), null)));
    Database db = Database.open(DatabaseConfig.EMBEDDED, tmp.resolve("home-" + name));
    FailureNotifier notifier = new FailureNotifier(db, n, List.of(project), Duration.ofMillis(50));
    try (TesterFixture f = new TesterFixture(db, tmp, project, LeasePolicy.DEFAULT, notifier)) {
      long series = f.applyOne();
      Runner r = new Runner(f.client(f.server.testerToken), Workspace.open(tmp.resolve("work-" + name)), "box",
          List.of(), List.of());
      assertThat(r.once()).isEqualTo(Runner.Turn.REPORTED);
      notifier.close(); // waits for the mail (and its retries) to be done
      return series;
    }
  }

  @Test
  void aFailureIsMailedOnceInTheSeriesThreadToTheConfiguredPeople() throws Exception {
    long series = runOne("echo broken; exit 2", config(SMTP_PASSWORD), "fail");
    Database db = Database.open(DatabaseConfig.EMBEDDED, tmp.resolve("home-fail"));
    String thread;
    String submitter;
    try {
      thread = db.jdbi().withHandle(h -> h.createQuery("SELECT m.msgid FROM series s JOIN message m ON m.id = "
          + "COALESCE(s.cover_id, (SELECT sm.message_id FROM series_member sm WHERE sm.series_id = s.id AND sm.role = "
          + "'patch' ORDER BY sm.position LIMIT 1)) WHERE s.id = :id").bind("id", series).mapTo(String.class).one());
      submitter = db.jdbi().withHandle(h -> h.createQuery("SELECT submitter_email FROM series WHERE id = :id")
          .bind("id", series).mapTo(String.class).one());
    } finally {
      db.close();
    }
    MimeMessage[] got = smtp.getReceivedMessages();
    // one mail: GreenMail keeps a copy per recipient, all with the same Message-ID
    assertThat(Arrays.stream(got).map(m -> header(m, "Message-ID")).distinct()).hasSize(1);
    Set<String> to = Arrays.stream(got[0].getAllRecipients()).map(Object::toString).collect(Collectors.toSet());
    assertThat(to).containsExactlyInAnyOrder("ci@example.org", submitter);
    assertThat(got).hasSize(2);
    MimeMessage m = got[0];
    assertThat(m.getSubject()).startsWith("Re: ").contains("build failure");
    assertThat(header(m, "In-Reply-To")).isEqualTo("<" + thread + ">");
    assertThat(header(m, "References")).contains("<" + thread + ">");
    assertThat(m.getContent().toString()).contains("/api/v1/jobs/").contains("/log").contains("/series/" + series + "/");
  }

  @Test
  void aSuccessSendsNoMail() throws Exception {
    runOne("true", config(SMTP_PASSWORD), "ok");
    assertThat(smtp.getReceivedMessages()).isEmpty();
  }

  @Test
  void aWrongSmtpPasswordIsLoggedWithoutThePassword() throws Exception {
    Logger log = (Logger) LoggerFactory.getLogger(FailureNotifier.class);
    ListAppender<ILoggingEvent> events = new ListAppender<>();
    events.start();
    log.addAppender(events);
    try {
      runOne("exit 1", config("wrong-pw-do-not-log"), "wrong");
    } finally {
      log.detachAppender(events);
    }
    assertThat(smtp.getReceivedMessages()).isEmpty();
    List<ILoggingEvent> errors = events.list.stream().filter(e -> e.getLevel() == ch.qos.logback.classic.Level.ERROR)
        .toList();
    assertThat(errors).hasSize(3); // every try, the last one giving up
    assertThat(errors.get(2).getFormattedMessage()).contains("failure mail not sent").contains("giving up");
    for (ILoggingEvent e : events.list) {
      String all = e.getFormattedMessage() + " " + e.getKeyValuePairs() + " " + (e.getThrowableProxy() == null ? ""
          : e.getThrowableProxy().getMessage());
      assertThat(all).doesNotContain("wrong-pw-do-not-log").doesNotContain(SMTP_PASSWORD);
    }
  }

  private static String header(MimeMessage m, String name) {
    try {
      return m.getHeader(name, null);
    } catch (jakarta.mail.MessagingException e) {
      throw new AssertionError(e);
    }
  }
}
