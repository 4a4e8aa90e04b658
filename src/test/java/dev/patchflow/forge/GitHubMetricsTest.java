package dev.patchflow.forge;

import static org.assertj.core.api.Assertions.assertThat;

import dev.patchflow.config.Secret;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

class GitHubMetricsTest {
  @Test
  void requestsAreTimedByTemplateAndStatusAndTheRateLimitIsAGauge() throws Exception {
    try (Forge f = new Forge()) {
      SimpleMeterRegistry registry = new SimpleMeterRegistry();
      GitHubMetrics metrics = new GitHubMetrics(registry);
      GitHubClient client = GitHubClient.builder(GitHubAuth.token(Secret.of(Forge.TOKEN))).baseUri(f.gh.uri())
          .clock(f.clock).sleeper(f.sleeper).listener(metrics).build();
      GitHubRepo repo = client.repo(RepoRef.parse("acme/linux"));

      repo.pulls().listOpen();
      repo.pulls().listOpen();
      repo.pulls().findOpenByHead("nothing");

      assertThat(registry.get("github.requests").tag("path", "/repos/{owner}/{repo}/pulls").tag("cached", "true")
          .timer().count()).isEqualTo(1);
      assertThat(registry.get("github.requests").tag("status", "200").timer().count()).isEqualTo(2);
      assertThat(registry.get("github.ratelimit.remaining").gauge().value()).isEqualTo(f.gh.rateLimitRemaining());
    }
  }
}
