package dev.patchflow.forge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.patchflow.config.Secret;
import java.security.KeyPair;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class LogRedactionTest {
  private final Logger forgeLog = (Logger) LoggerFactory.getLogger("dev.patchflow.forge");
  private final ListAppender<ILoggingEvent> captured = new ListAppender<>();
  private Forge f;

  @BeforeEach
  void start() throws Exception {
    captured.start();
    forgeLog.addAppender(captured);
    forgeLog.setLevel(Level.DEBUG);
    f = new Forge();
  }

  @AfterEach
  void stop() throws Exception {
    forgeLog.detachAppender(captured);
    forgeLog.setLevel(null);
    f.close();
  }

  /** Everything a log line shows: message, key-values and exception text. */
  private String allLogged() {
    StringBuilder s = new StringBuilder();
    for (ILoggingEvent e : captured.list) {
      s.append(e.getFormattedMessage()).append(' ').append(e.getKeyValuePairs()).append(' ');
      if (e.getThrowableProxy() != null) {
        s.append(e.getThrowableProxy().getMessage());
      }
      s.append('\n');
    }
    return s.toString();
  }

  @Test
  void requestsAreLoggedAsKeyValuesWithoutTheTokenEvenWhenGitHubEchoesIt() throws Exception {
    f.push("feature", "a.c", "1\n");
    f.repo.pulls().create("t", "", "feature", "main");
    f.gh.enqueue(CannedReply.status(403).withBody("{\"message\":\"token " + Forge.TOKEN + " lacks scope\"}"));
    List<Throwable> errors = new ArrayList<>();
    try {
      f.repo.labels().list();
    } catch (GitHubException e) {
      errors.add(e);
    }

    String logged = allLogged();
    assertThat(logged).contains("method=\"POST\"").contains("path=\"/repos/acme/linux/pulls\"")
        .contains("status=\"201\"").contains("ms=").contains("status=\"403\"");
    assertThat(logged).doesNotContain(Forge.TOKEN).doesNotContain("TestToken");
    assertThat(errors).singleElement().satisfies(e -> assertThat(e.getMessage()).contains("lacks scope")
        .doesNotContain(Forge.TOKEN));
  }

  @Test
  void appJwtsAndInstallationTokensStayOutOfTheLogs() throws Exception {
    KeyPair keys = TestKeys.generate();
    f.gh.installApp(42, "patchflow-ci", (RSAPublicKey) keys.getPublic(), 7, Duration.ofMinutes(10));
    GitHubClient app = f.clientFor(GitHubAuth.app("42", 7, Secret.of(TestKeys.pkcs1Pem(keys))));
    app.login();
    app.repo(RepoRef.parse("acme/linux")).pulls().listOpen();
    f.gh.enqueue(CannedReply.status(500).withBody("{\"message\":\"boom\"}"));
    assertThatThrownBy(() -> app.repo(RepoRef.parse("acme/linux")).comments().create(1, "x"))
        .isInstanceOf(UnknownOutcomeException.class);

    List<String> credentials = new ArrayList<>();
    for (RecordedRequest r : f.gh.requests()) {
      if (r.header("Authorization") != null) {
        credentials.add(r.header("Authorization").substring("Bearer ".length()));
      }
    }
    assertThat(credentials).anyMatch(c -> c.startsWith("eyJ")).anyMatch(c -> c.startsWith("ghs_"));
    String logged = allLogged();
    assertThat(logged).contains("path=\"/app/installations/7/access_tokens\"");
    for (String c : credentials) {
      assertThat(logged).doesNotContain(c);
    }
  }
}
