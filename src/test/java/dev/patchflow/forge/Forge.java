package dev.patchflow.forge;

import dev.patchflow.config.Secret;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * What a forge test needs: a clock it moves, a fake GitHub with one repository, a client for
 * user "kpd-bot" that records its requests and waits, and a work tree that pushes with real git.
 */
final class Forge implements AutoCloseable {
  static final String TOKEN = "ghp_TestToken1234567890abcdef";
  final TestClock clock = new TestClock(Instant.parse("2026-03-01T10:00:00Z"));
  final RecordingSleeper sleeper = new RecordingSleeper(clock);
  final List<RequestEvent> events = new CopyOnWriteArrayList<>();
  final FakeGitHub gh = new FakeGitHub(clock);
  final FakeRepo fakeRepo = gh.createRepo("acme", "linux");
  final GitHubClient client;
  final GitHubRepo repo;
  private final Path work;

  Forge() throws Exception {
    gh.addToken(TOKEN, "kpd-bot");
    client = clientFor(GitHubAuth.token(Secret.of(TOKEN)));
    repo = client.repo(RepoRef.parse("acme/linux"));
    work = Files.createTempDirectory("forge-work");
    GitCli.git(work, "clone", "-q", fakeRepo.url(), ".");
  }

  GitHubClient clientFor(GitHubAuth auth) {
    return GitHubClient.builder(auth).baseUri(gh.uri()).clock(clock).sleeper(sleeper).listener(events::add).build();
  }

  /** Commits a file on {@code branch} (made from main when new) and pushes it with real git; returns the sha. */
  String push(String branch, String file, String content) throws Exception {
    boolean exists = GitCli.run(work, "rev-parse", "-q", "--verify", "refs/heads/" + branch).code() == 0;
    GitCli.git(work, "checkout", "-q", "-B", branch, exists ? branch : "origin/main");
    Files.writeString(work.resolve(file), content);
    GitCli.git(work, "add", file);
    GitCli.git(work, "commit", "-q", "-m", "change " + file);
    GitCli.git(work, "push", "-q", "-f", "origin", branch);
    return GitCli.git(work, "rev-parse", "HEAD");
  }

  @Override
  public void close() throws java.io.IOException {
    gh.close();
    try (var paths = Files.walk(work)) {
      paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }
}
