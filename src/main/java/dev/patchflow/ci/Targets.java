package dev.patchflow.ci;

import dev.patchflow.ci.config.BranchAuth;
import dev.patchflow.ci.config.BranchConfig;
import dev.patchflow.ci.config.CiConfig;
import dev.patchflow.forge.GitHubAuth;
import dev.patchflow.forge.GitHubClient;
import dev.patchflow.forge.GitHubException;
import dev.patchflow.forge.RepoRef;
import dev.patchflow.git.Git;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * Builds the target branches of a config: one GitHub client per identity (branches sharing a
 * token or an App installation share its cache and its token), each branch's repository, login
 * and local clone.
 */
public final class Targets {
  private Targets() {}

  /**
   * @param clientFor builds a client for an auth (the caller sets the API URL, listener, sleeper)
   */
  public static Map<String, Target> of(CiConfig config, Function<GitHubAuth, GitHubClient> clientFor)
      throws GitHubException {
    Map<String, GitHubClient> clients = new LinkedHashMap<>();
    Map<String, Target> out = new LinkedHashMap<>();
    Path base = Path.of(config.baseDirectory());
    for (Map.Entry<String, BranchConfig> e : config.branches().entrySet()) {
      BranchConfig b = e.getValue();
      BranchAuth auth = b.auth();
      GitHubClient client = clients.computeIfAbsent(identity(auth), k -> clientFor.apply(forge(auth)));
      String gitUrl = b.gitUrlOrRepo();
      BranchTarget git = new BranchTarget(e.getKey(), gitUrl, b.upstream(), b.upstreamBranch(), b.ciRepo(), b.ciBranch());
      String login = client.login();
      BranchRepo local = new BranchRepo(base.resolve(e.getKey()), () -> credentials(client, gitUrl),
          new Git.Identity(login, login + "@users.noreply.github.com"));
      out.put(e.getKey(), new Target(git, client.repo(RepoRef.parse(b.repo())), login, local));
    }
    return out;
  }

  private static Map<String, String> credentials(GitHubClient client, String gitUrl) {
    if (!gitUrl.startsWith("https://")) {
      return Map.of();
    }
    try {
      return BranchRepo.tokenHeader(gitUrl, client.gitToken());
    } catch (GitHubException e) {
      throw new IllegalStateException("no GitHub token for git: " + e.getMessage(), e);
    }
  }

  private static String identity(BranchAuth auth) {
    if (auth instanceof BranchAuth.App app) {
      return "app:" + app.appId() + ":" + app.installationId();
    }
    return "token:" + Integer.toHexString(((BranchAuth.Token) auth).token().reveal().hashCode());
  }

  private static GitHubAuth forge(BranchAuth auth) {
    if (auth instanceof BranchAuth.App app) {
      try {
        return GitHubAuth.app(Long.toString(app.appId()), app.installationId(), app.loadPrivateKey());
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read the GitHub App's private key: " + e.getMessage(), e);
      }
    }
    return GitHubAuth.token(((BranchAuth.Token) auth).token());
  }
}
