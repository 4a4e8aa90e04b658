package dev.patchflow.ci.config;

import dev.patchflow.config.Secret;
import java.util.function.BiFunction;

/**
 * One branch the bridge keeps on GitHub: {@code repo} gets {@code <name>} (a mirror of {@code
 * upstream@upstream_branch}), {@code <name>_base} (that plus the CI files of {@code
 * ci_repo@ci_branch}) and the series branches whose PRs target it.
 *
 * <p>The two auth keys are kept as the file writes them so that a file giving both, or neither,
 * can be reported with every other problem; once validated, {@link #auth()} gives the one.
 *
 * @param upstreamBranch default {@value #DEFAULT_UPSTREAM_BRANCH}
 * @param gitUrl where git fetches and pushes {@code repo}'s branches, when not at {@code repo}
 *     itself (a mirror, or a local path in tests); a Patchflow addition
 */
public record BranchConfig(String repo, String upstream, String upstreamBranch, String ciRepo, String ciBranch,
    Secret githubOauthToken, BranchAuth.App githubAppAuth, String gitUrl) {
  public static final String DEFAULT_UPSTREAM_BRANCH = "master";

  public BranchConfig {
    upstreamBranch = upstreamBranch == null ? DEFAULT_UPSTREAM_BRANCH : upstreamBranch;
  }

  /** How the bridge logs in to GitHub for this branch; throws when the config was not validated. */
  public BranchAuth auth() {
    if ((githubOauthToken == null) == (githubAppAuth == null)) {
      throw new IllegalStateException("give github_oauth_token or github_app_auth, exactly one");
    }
    return githubOauthToken != null ? new BranchAuth.Token(githubOauthToken) : githubAppAuth;
  }

  BranchConfig mapSecrets(String key, BiFunction<String, Secret, Secret> resolve) {
    Secret token = githubOauthToken == null ? null : resolve.apply(key + ".github_oauth_token", githubOauthToken);
    BranchAuth.App app = githubAppAuth;
    if (app != null && app.privateKey() != null) {
      app = new BranchAuth.App(app.appId(), app.installationId(),
          resolve.apply(key + ".github_app_auth.private_key", app.privateKey()), app.privateKeyPath());
    }
    return new BranchConfig(repo, upstream, upstreamBranch, ciRepo, ciBranch, token, app, gitUrl);
  }

  public BranchConfig(String repo, String upstream, String upstreamBranch, String ciRepo, String ciBranch,
      Secret githubOauthToken, BranchAuth.App githubAppAuth) {
    this(repo, upstream, upstreamBranch, ciRepo, ciBranch, githubOauthToken, githubAppAuth, null);
  }

  /** The URL git pushes to: {@code git_url}, else {@code repo} (made a URL when written "owner/name"). */
  public String gitUrlOrRepo() {
    if (gitUrl != null) {
      return gitUrl;
    }
    return repo.matches("[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+") ? "https://github.com/" + repo + ".git" : repo;
  }
}
