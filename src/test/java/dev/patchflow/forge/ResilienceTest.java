package dev.patchflow.forge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.patchflow.config.Secret;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ResilienceTest {
  private Forge f;

  @BeforeEach
  void start() throws Exception {
    f = new Forge();
    f.push("feature", "a.c", "1\n");
  }

  @AfterEach
  void stop() throws Exception {
    f.close();
  }

  private List<Integer> statuses() {
    return f.events.stream().map(RequestEvent::status).toList();
  }

  @Test
  void aSecondIdenticalGetIsA304ServedFromTheCacheAndNotCharged() throws Exception {
    f.repo.pulls().create("t", "", "feature", "main");
    f.events.clear();
    List<PullRequest> first = f.repo.pulls().listOpen();
    int remaining = f.gh.rateLimitRemaining();
    List<PullRequest> second = f.repo.pulls().listOpen();

    assertThat(second).isEqualTo(first).hasSize(1);
    assertThat(f.events).extracting(RequestEvent::status).containsExactly(200, 304);
    assertThat(f.events).extracting(RequestEvent::fromCache).containsExactly(false, true);
    assertThat(f.gh.rateLimitRemaining()).isEqualTo(remaining);
    assertThat(f.gh.requests().get(f.gh.requests().size() - 1).header("If-None-Match")).startsWith("\"");
    assertThat(f.client.rateLimit()).hasValueSatisfying(r -> assertThat(r.remaining()).isEqualTo(remaining));
  }

  @Test
  void noRequestsLeftMeansWaitingUntilTheResetThenSucceeding() throws Exception {
    Instant reset = f.clock.instant().plusSeconds(120);
    f.gh.rateLimit(5000, 0, reset);

    assertThat(f.repo.pulls().listOpen()).isEmpty();
    assertThat(f.sleeper.waits).containsExactly(Duration.ofSeconds(121));
    assertThat(statuses()).containsExactly(403, 200);
    assertThat(f.client.rateLimit()).hasValueSatisfying(r -> assertThat(r.remaining()).isEqualTo(4999));
  }

  @Test
  void aResetTooFarAwayIsATypedRateLimitErrorWithoutWaiting() throws Exception {
    Instant reset = f.clock.instant().plus(Duration.ofHours(2));
    f.gh.rateLimit(5000, 0, reset);

    assertThatThrownBy(() -> f.repo.pulls().listOpen()).isInstanceOfSatisfying(RateLimitedException.class, e -> {
      assertThat(e.status()).isEqualTo(403);
      assertThat(e.resetAt()).contains(reset);
    });
    assertThat(f.sleeper.waits).isEmpty();
  }

  @Test
  void a429RetryAfterIsHonouredEvenForAPost() throws Exception {
    f.gh.enqueue(CannedReply.retryAfter(7));
    PullRequest pr = f.repo.pulls().create("t", "", "feature", "main");

    assertThat(pr.number()).isEqualTo(1);
    assertThat(f.sleeper.waits).containsExactly(Duration.ofSeconds(7));
    assertThat(statuses()).containsExactly(429, 201);
  }

  @Test
  void a502OnAGetIsRetriedWithGrowingBackoff() throws Exception {
    f.gh.enqueue(CannedReply.status(502));
    f.gh.enqueue(CannedReply.status(502));
    assertThat(f.repo.branches().headSha("feature")).isPresent();

    assertThat(statuses()).containsExactly(502, 502, 200);
    assertThat(f.sleeper.waits).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(2));
  }

  @Test
  void aGetThatKeepsFailingEndsWithTheLastStatusAfterBoundedRetries() throws Exception {
    for (int i = 0; i < 4; i++) {
      f.gh.enqueue(CannedReply.status(503));
    }
    assertThatThrownBy(() -> f.repo.pulls().get(1)).isInstanceOfSatisfying(GitHubException.class,
        e -> assertThat(e.status()).isEqualTo(503));
    assertThat(statuses()).containsExactly(503, 503, 503, 503);
  }

  @Test
  void a502OnAPostIsNotRetriedButReportedAsAnUnknownOutcome() throws Exception {
    // GitHub made the pull request, then its front end answered 502: exactly the case a retry would duplicate
    f.gh.enqueue(CannedReply.status(502).servedAfterHandling());

    assertThatThrownBy(() -> f.repo.pulls().create("t", "", "feature", "main"))
        .isInstanceOfSatisfying(UnknownOutcomeException.class, e -> {
          assertThat(e.status()).isEqualTo(502);
          assertThat(e.method()).isEqualTo("POST");
        });
    assertThat(f.gh.requests()).filteredOn(r -> r.method().equals("POST")).hasSize(1);
    assertThat(f.sleeper.waits).isEmpty();
    // the caller looks before trying again, and finds it
    assertThat(f.repo.pulls().findOpenByHead("feature")).isPresent();
  }

  @Test
  void aPostToAServerThatIsNotThereIsRetriedSinceItWasNeverSent() throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    GitHubClient dead = GitHubClient.builder(GitHubAuth.token(Secret.of(Forge.TOKEN)))
        .baseUri(URI.create("http://127.0.0.1:" + port)).clock(f.clock).sleeper(f.sleeper).maxRetries(2).build();

    assertThatThrownBy(() -> dead.repo(RepoRef.parse("acme/linux")).comments().create(1, "hi"))
        .isInstanceOf(GitHubException.class).isNotInstanceOf(UnknownOutcomeException.class)
        .satisfies(e -> assertThat(((GitHubException) e).status()).isZero());
    assertThat(f.sleeper.waits).hasSize(2);
  }
}
