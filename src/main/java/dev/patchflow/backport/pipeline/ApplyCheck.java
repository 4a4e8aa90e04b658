package dev.patchflow.backport.pipeline;

import dev.patchflow.git.ApplyCheckResult;
import dev.patchflow.git.CommitId;
import dev.patchflow.git.Git;
import dev.patchflow.git.GitException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Whether an upstream patch applies to a kernel line's source: {@code git apply --check} against
 * the index of a work tree of the kernel source at the line's version, so no kernel files are
 * ever written out. The work tree is kept and reused; only its index moves between versions.
 */
public final class ApplyCheck {
  private final Git source;
  private final Path worktree;
  private Git tree;
  private CommitId loaded;

  public ApplyCheck(Git source, Path worktree) {
    this.source = source;
    this.worktree = worktree;
  }

  /** The first of {@code revs} the kernel source has: the shipped release's tag, the stable branch, the base tag. */
  public Optional<String> firstKnown(List<String> revs) throws GitException {
    for (String rev : revs) {
      if (source.resolve(rev).isPresent()) {
        return Optional.of(rev);
      }
    }
    return Optional.empty();
  }

  /** Checks the patch against {@code rev} and writes what git said to {@code log}. */
  public ApplyCheckResult check(String rev, byte[] patch, Path log) throws GitException, IOException {
    CommitId at = source.resolve(rev).orElseThrow(() -> new IllegalStateException(rev + " is not in " + source.dir()));
    Git t = tree(at);
    if (!at.equals(loaded)) {
      t.readTree(at);
      loaded = at;
    }
    ApplyCheckResult r = t.applyCheck(patch);
    Files.createDirectories(log.getParent());
    Files.writeString(log, "git apply --check against " + rev + " (" + at.sha() + ") in " + source.dir() + "\n"
        + (r.applies() ? "applies" : "DOES NOT APPLY") + "\n\n" + r.output() + "\n", StandardCharsets.UTF_8);
    return r;
  }

  private Git tree(CommitId at) throws GitException {
    if (tree == null) {
      if (Files.exists(worktree.resolve(".git"))) {
        tree = new Git(worktree);
      } else {
        source.pruneWorktrees();
        tree = source.addBareWorktree(worktree.toAbsolutePath(), at);
      }
    }
    return tree;
  }
}
