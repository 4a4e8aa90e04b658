package dev.patchflow.ci;

import dev.patchflow.git.Git;
import dev.patchflow.git.GitException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The local clone the bridge keeps for one target branch (under the base directory), with the
 * credentials for its GitHub repository. Credentials are asked for at each use, since an App's
 * installation token is short-lived.
 */
public final class BranchRepo {
  private final Path dir;
  private final Supplier<Map<String, String>> credentials;
  private final Git.Identity identity;

  public BranchRepo(Path dir, Supplier<Map<String, String>> credentials, Git.Identity identity) {
    this.dir = dir;
    this.credentials = credentials;
    this.identity = identity;
  }

  /**
   * Credentials for the https host of {@code repoUrl} as git configuration: a basic header
   * scoped to that host, never a token in a URL (URLs end up in logs and error messages).
   * Other remotes (upstream, CI files) are fetched without them.
   */
  public static Map<String, String> tokenHeader(String repoUrl, String token) {
    java.net.URI uri = java.net.URI.create(repoUrl);
    if (!"https".equals(uri.getScheme()) || uri.getHost() == null) {
      return Map.of();
    }
    String basic = java.util.Base64.getEncoder().encodeToString(
        ("x-access-token:" + token).getBytes(java.nio.charset.StandardCharsets.UTF_8));
    return Map.of("http.https://" + uri.getHost() + "/.extraHeader", "Authorization: Basic " + basic);
  }

  /** The clone, made on first use; a work tree, since `git am` needs one. */
  public Git git() throws GitException {
    Git g = Files.isDirectory(dir.resolve(".git")) ? new Git(dir, identity) : init();
    return g.withHiddenConfig(credentials.get());
  }

  private Git init() throws GitException {
    Git.init(dir, false);
    return new Git(dir, identity);
  }
}
