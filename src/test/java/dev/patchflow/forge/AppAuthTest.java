package dev.patchflow.forge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.patchflow.config.Secret;
import java.security.KeyPair;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.util.Base64;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class AppAuthTest {
  private static final KeyPair KEYS = TestKeys.generate();
  private Forge f;
  private GitHubClient app;

  @BeforeEach
  void start() throws Exception {
    f = new Forge();
    f.gh.installApp(42, "patchflow-ci", (RSAPublicKey) KEYS.getPublic(), 7, Duration.ofMinutes(10));
    app = f.clientFor(GitHubAuth.app("42", 7, Secret.of(TestKeys.pkcs1Pem(KEYS))));
    f.push("feature", "a.c", "1\n");
  }

  @AfterEach
  void stop() throws Exception {
    f.close();
  }

  @Test
  void theAppIsItsBotLoginAndActsWithAnInstallationToken() throws Exception {
    assertThat(app.login()).isEqualTo("patchflow-ci[bot]");
    RecordedRequest appCall = f.gh.takeRequest();
    assertThat(appCall.path()).isEqualTo("/app");
    assertThat(appCall.header("Authorization")).startsWith("Bearer eyJ");

    PullRequest pr = app.repo(RepoRef.parse("acme/linux")).pulls().create("t", "", "feature", "main");
    assertThat(pr.userLogin()).isEqualTo("patchflow-ci[bot]");
    assertThat(f.gh.takeRequest().path()).isEqualTo("/app/installations/7/access_tokens");
    assertThat(f.gh.takeRequest().header("Authorization")).startsWith("Bearer ghs_");
    assertThat(f.gh.auth.tokensIssued).isEqualTo(1);
  }

  @Test
  void theTokenIsKeptThenRefreshedBeforeItExpires() throws Exception {
    GitHubRepo repo = app.repo(RepoRef.parse("acme/linux"));
    repo.pulls().listOpen();
    f.clock.advance(Duration.ofMinutes(4));
    repo.branches().headSha("feature");
    assertThat(f.gh.auth.tokensIssued).isEqualTo(1);

    f.clock.advance(Duration.ofMinutes(2)); // 6 of 10 minutes: within the refresh margin
    repo.branches().headSha("main");
    assertThat(f.gh.auth.tokensIssued).isEqualTo(2);

    f.clock.advance(Duration.ofHours(3)); // long asleep: the token expired; a new JWT and token follow
    assertThat(repo.branches().headSha("feature")).isPresent();
    assertThat(f.gh.auth.tokensIssued).isEqualTo(3);
  }

  @Test
  void aTokenRefusedEarlyIsReplacedOnce() throws Exception {
    GitHubRepo repo = app.repo(RepoRef.parse("acme/linux"));
    repo.pulls().listOpen();
    f.gh.enqueue(CannedReply.status(401).withBody("{\"message\":\"Bad credentials\"}"));

    assertThat(repo.branches().headSha("feature")).isPresent();
    assertThat(f.gh.auth.tokensIssued).isEqualTo(2);
  }

  @Test
  void aPkcs8KeyWorksTooAndAForeignKeyIsRefused() throws Exception {
    GitHubClient pkcs8 = f.clientFor(GitHubAuth.app("42", 7, Secret.of(TestKeys.pkcs8Pem(KEYS))));
    assertThat(pkcs8.login()).isEqualTo("patchflow-ci[bot]");

    GitHubClient impostor = f.clientFor(GitHubAuth.app("42", 7, Secret.of(TestKeys.pkcs1Pem(TestKeys.generate()))));
    assertThatThrownBy(impostor::login).isInstanceOf(UnauthorizedException.class);
    GitHubClient wrongApp = f.clientFor(GitHubAuth.app("43", 7, Secret.of(TestKeys.pkcs1Pem(KEYS))));
    assertThatThrownBy(() -> wrongApp.repo(RepoRef.parse("acme/linux")).pulls().listOpen())
        .isInstanceOf(UnauthorizedException.class);
  }

  @Test
  void aBadPemIsAClearErrorThatDoesNotQuoteTheKey() {
    String pem = TestKeys.pkcs1Pem(KEYS);
    String body = pem.split("\n")[1];
    assertThatThrownBy(() -> GitHubAuth.app("42", 7, Secret.of("")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("empty");
    assertThatThrownBy(() -> GitHubAuth.app("42", 7, Secret.of(body)))
        .hasMessageContaining("not PEM").hasMessageContaining("BEGIN RSA PRIVATE KEY").hasMessageNotContaining(body);
    String publicPem = "-----BEGIN PUBLIC KEY-----\n"
        + Base64.getMimeEncoder().encodeToString(KEYS.getPublic().getEncoded()) + "\n-----END PUBLIC KEY-----\n";
    assertThatThrownBy(() -> GitHubAuth.app("42", 7, Secret.of(publicPem))).hasMessageContaining("'PUBLIC KEY' block");
    String truncated = pem.replace(body, body.substring(0, 20));
    assertThatThrownBy(() -> GitHubAuth.app("42", 7, Secret.of(truncated)))
        .hasMessageContaining("not a valid RSA key").hasMessageNotContaining(body.substring(0, 20));
    String encrypted = "-----BEGIN RSA PRIVATE KEY-----\nProc-Type: 4,ENCRYPTED\nDEK-Info: AES-128-CBC,00\n\n"
        + body + "\n-----END RSA PRIVATE KEY-----\n";
    assertThatThrownBy(() -> GitHubAuth.app("42", 7, Secret.of(encrypted))).hasMessageContaining("encrypted");
  }
}
