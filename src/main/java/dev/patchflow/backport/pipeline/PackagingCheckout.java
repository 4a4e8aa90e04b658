package dev.patchflow.backport.pipeline;

import dev.patchflow.backport.config.KernelLineConfig;
import dev.patchflow.git.Git;
import dev.patchflow.git.GitException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Function;

/**
 * The packaging repository of a kernel line, cloned once under the work dir and brought to the
 * line's branch at each run: fetched and reset to the remote branch, or, with --skip-clone,
 * reused as it is (its local branch, local commits included), with no network.
 */
public final class PackagingCheckout {
  private final Path root;
  private final Git.Identity identity;
  private final Function<String, Map<String, String>> credentials;

  /**
   * @param root where the clones live, one folder per kernel line
   * @param credentials git configuration for a clone URL (a token header for https GitHub), kept out of argv
   */
  public PackagingCheckout(Path root, Git.Identity identity, Function<String, Map<String, String>> credentials) {
    this.root = root;
    this.identity = identity;
    this.credentials = credentials;
  }

  /**
   * A clean work tree at the line's branch.
   *
   * @param base what backport branches start from: origin/BRANCH, or the local BRANCH when reused
   * @param specDir the line's spec folder in the work tree
   */
  public record Checkout(Git git, Path dir, Path specDir, String base, String url) {}

  public Checkout open(KernelLineConfig line, boolean skipClone) throws GitException {
    Path dir = root.resolve(line.kernel());
    String url = line.cloneUrl();
    Map<String, String> creds = credentials.apply(url);
    boolean exists = Files.exists(dir.resolve(".git"));
    Git git;
    String base;
    if (skipClone) {
      if (!exists) {
        throw new IllegalStateException("--skip-clone: no clone of " + line.kernel() + " to reuse at " + dir);
      }
      git = new Git(dir, identity).withHiddenConfig(creds);
      base = line.branch();
      if (git.resolve(base).isEmpty()) {
        throw new IllegalStateException("--skip-clone: the clone at " + dir + " has no branch " + base);
      }
    } else {
      if (exists) {
        git = new Git(dir, identity).withHiddenConfig(creds);
        git.fetch(url, "+refs/heads/" + line.branch() + ":refs/remotes/origin/" + line.branch());
      } else {
        git = Git.cloneBranch(url, line.branch(), dir, identity, creds);
      }
      base = "origin/" + line.branch();
    }
    git.checkoutBranch(line.branch(), base);
    Path specDir = dir.resolve(line.specDir());
    if (!Files.isDirectory(specDir)) {
      throw new IllegalStateException(line.kernel() + ": no folder " + line.specDir() + " in " + url + " branch "
          + line.branch());
    }
    return new Checkout(git, dir, specDir, base, url);
  }
}
