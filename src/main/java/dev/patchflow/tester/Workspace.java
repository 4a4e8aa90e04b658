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
    Path cacheDir = dir.resolve("cache.git");
    Git cache = Files.isDirectory(cacheDir) ? new Git(cacheDir) : Git.init(cacheDir, true);
    cache.fetch(repo, "+refs/tags/" + tag + ":refs/tags/" + tag);
    CommitId at = cache.resolve("refs/tags/" + tag)
        .orElseThrow(() -> new GitException(java.util.List.of("git", "rev-parse", tag), 1, "tag " + tag + " not fetched"));
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
