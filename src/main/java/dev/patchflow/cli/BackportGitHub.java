package dev.patchflow.cli;

import dev.patchflow.backport.config.BackportConfig;
import dev.patchflow.backport.pipeline.PullRequestStep;
import dev.patchflow.config.Secret;
import dev.patchflow.forge.GitHubAuth;
import dev.patchflow.forge.GitHubClient;
import dev.patchflow.forge.GitHubException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;

/** The backport run's GitHub side from its config: the forge client and git credentials for https pushes. */
final class BackportGitHub {
  private final GitHubClient client;

  private BackportGitHub(GitHubClient client) {
    this.client = client;
  }

  /** @param needed pushes will happen; without auth in the config that is a mistake worth saying early */
  static BackportGitHub of(BackportConfig.GitHubConfig c, boolean needed) {
    if (!c.hasAuth()) {
      if (needed) {
        throw new UserError("backport.github: no token or app_auth; pushing needs one (or run with --skip-push)");
      }
      return new BackportGitHub(null);
    }
    return new BackportGitHub(GitHubClient.builder(auth(c)).baseUri(c.apiUri()).build());
  }

  PullRequestStep pullRequests() {
    return client == null ? null : new PullRequestStep(client);
  }

  /** A basic-auth header scoped to the https host of {@code url}; nothing for other remotes. */
  Map<String, String> credentials(String url) {
    URI uri;
    try {
      uri = URI.create(url);
    } catch (IllegalArgumentException e) {
      return Map.of();
    }
    if (client == null || !"https".equals(uri.getScheme()) || uri.getHost() == null) {
      return Map.of();
    }
    try {
      String basic = Base64.getEncoder().encodeToString(("x-access-token:" + client.gitToken())
          .getBytes(StandardCharsets.UTF_8));
      return Map.of("http.https://" + uri.getHost() + "/.extraHeader", "Authorization: Basic " + basic);
    } catch (GitHubException e) {
      throw new IllegalStateException("no GitHub token for git: " + e.getMessage(), e);
    }
  }

  private static GitHubAuth auth(BackportConfig.GitHubConfig c) {
    if (c.token() != null) {
      return GitHubAuth.token(c.token());
    }
    BackportConfig.AppAuth a = c.appAuth();
    try {
      Secret key = a.privateKey() != null ? a.privateKey() : Secret.of(Files.readString(Path.of(a.privateKeyPath())));
      return GitHubAuth.app(Long.toString(a.appId()), a.installationId(), key);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the GitHub App's private key: " + e.getMessage(), e);
    }
  }
}
