package dev.patchflow.tester;

import dev.patchflow.git.CommitId;
import dev.patchflow.git.Git;
import dev.patchflow.git.GitException;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * A runner's work directory: a lock so that one runner uses it, a bare cache that keeps the
 * objects of every tag fetched so far, and one work tree checked out clean for each job.
 */
public final class Workspace implements AutoCloseable {
  private final Path dir;
  private final FileChannel lockFile;
  private final FileLock lock;

  private Workspace(Path dir, FileChannel lockFile, FileLock lock) {
    this.dir = dir;
    this.lockFile = lockFile;
    this.lock = lock;
  }

  /** Takes the directory for this runner; fails when another runner holds it. */
  public static Workspace open(Path dir) throws IOException {
    Files.createDirectories(dir);
    FileChannel ch = FileChannel.open(dir.resolve("tester.lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
    FileLock lock;
    try {
      lock = ch.tryLock();
    } catch (java.nio.channels.OverlappingFileLockException e) {
      lock = null;
    }
    if (lock == null) {
      ch.close();
      throw new IOException("another tester is running in " + dir + " (tester.lock is held)");
    }
    return new Workspace(dir, ch, lock);
  }

  /** Fetches the tag into the cache and checks it out, clean and detached, in the work tree. */
  public Path checkout(String repo, String tag) throws GitException {
    return checkout(repo, "refs/tags/" + tag, null);
  }

  /**
   * Fetches {@code ref} (a series' tag, or a base branch) into the cache and checks out, clean
   * and detached, {@code commit} when given (a base job's commit: the branch may have moved on
   * since) or else what the ref points at.
   */
  public Path checkout(String repo, String ref, String commit) throws GitException {
    Path cacheDir = dir.resolve("cache.git");
    Git cache = Files.isDirectory(cacheDir) ? new Git(cacheDir) : Git.init(cacheDir, true);
    // tags keep their names (their objects stay for the next series); branches go aside
    String local = ref.startsWith("refs/tags/") ? ref : "refs/patchflow/" + ref.substring(ref.indexOf('/') + 1);
    cache.fetch(repo, "+" + ref + ":" + local);
    String rev = commit != null ? commit + "^{commit}" : local;
    CommitId at = cache.resolve(rev).orElseThrow(() -> new GitException(java.util.List.of("git", "rev-parse", rev), 1,
        (commit != null ? "commit " + commit + " is not in " + ref : ref + " not fetched") + " of " + repo));
    Path tree = dir.resolve("tree");
    if (Files.isDirectory(tree.resolve(".git")) || Files.isRegularFile(tree.resolve(".git"))) {
      new Git(tree).resetTo(at);
    } else {
      cache.pruneWorktrees();
      cache.addWorktree(tree, at);
    }
    return tree;
  }

  @Override
  public void close() throws IOException {
    lock.release();
    lockFile.close();
  }
}
