package dev.patchflow.gittree;

import dev.patchflow.config.GitTreeConfig;
import dev.patchflow.git.AmResult;
import dev.patchflow.git.CommitId;
import dev.patchflow.git.Git;
import dev.patchflow.git.GitException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * One project's local git: a repository that caches the base branch's objects and every
 * tag made here, and a work tree per worker in which series are applied. Work trees are kept and
 * reset between series, so applying costs what changed, not a checkout of the whole tree.
 */
final class ProjectTree {
  /** Where fetched base heads are kept in the cache. */
  static final String BASE_REF = "refs/patchflow/base";
  private static final Duration FETCH_EVERY = Duration.ofSeconds(5);

  private final String project;
  private final GitTreeConfig config;
  private final Path dir;
  private final Clock clock;
  private Git cache;
  private Instant fetchedAt = Instant.EPOCH;
  private CommitId baseHead;
  /** Workers whose work tree the last apply left clean. */
  private final java.util.Set<Integer> clean = java.util.concurrent.ConcurrentHashMap.newKeySet();

  ProjectTree(String project, GitTreeConfig config, Path dir, Clock clock) {
    this.project = project;
    this.config = config;
    this.dir = dir;
    this.clock = clock;
  }

  String project() {
    return project;
  }

  GitTreeConfig config() {
    return config;
  }

  private synchronized Git cache() throws GitException {
    if (cache == null) {
      // Not a bare repository: git am in a work tree linked to a bare one runs two to three
      // times slower (measured with git 2.39), and applying is what this repository is for.
      // Its own work tree stays empty; workers use linked ones.
      Path repo = dir.resolve("cache");
      cache = Files.isDirectory(repo.resolve(".git")) ? new Git(repo) : Git.init(repo, false);
      // Work trees of a run that was killed: their directories may be gone or half made.
      cache.pruneWorktrees();
    }
    return cache;
  }

  /**
   * The base branch's current head, fetched at most every few seconds (a burst of series on one
   * project shares one fetch).
   */
  synchronized CommitId baseHead() throws GitException {
    return baseHead(false);
  }

  private synchronized CommitId baseHead(boolean fresh) throws GitException {
    Instant now = clock.instant();
    if (fresh || baseHead == null || Duration.between(fetchedAt, now).compareTo(FETCH_EVERY) >= 0) {
      cache().fetch(config.baseRepo(), "+refs/heads/" + config.branch() + ":" + BASE_REF);
      baseHead = cache().resolve(BASE_REF).orElseThrow();
      fetchedAt = now;
    }
    return baseHead;
  }

  /** A commit in the cache by name (a tag made earlier), if it is there. */
  synchronized Optional<CommitId> resolve(String rev) throws GitException {
    return cache().resolve(rev);
  }

  /**
   * Applies an mbox onto {@code base} in worker {@code worker}'s work tree; on success tags the
   * result in the cache (see {@link #push} for publishing it).
   */
  ApplyOutcome apply(int worker, byte[] mbox, CommitId base, String tag) throws GitException {
    Git tree = worktree(worker, base);
    // A work tree this process left clean needs only a checkout; one of unknown state (the
    // first use, or after an error) a full reset.
    if (clean.remove(worker)) {
      tree.checkout(base);
    } else {
      tree.resetTo(base);
    }
    AmResult am = tree.am(mbox, true, base);
    clean.add(worker);
    if (am instanceof AmResult.Conflict c) {
      return new ApplyOutcome.Conflicted(base, c);
    }
    List<CommitId> commits = ((AmResult.Applied) am).commits();
    CommitId head = commits.isEmpty() ? base : commits.get(commits.size() - 1);
    synchronized (this) {
      cache().updateRef("refs/tags/" + tag, head);
    }
    return new ApplyOutcome.Applied(tag, base, head, commits);
  }

  /** Pushes tags made here to the push URL, all in one push. */
  void push(List<String> tags) throws GitException {
    cache().push(config.pushUrl(), tags.stream().map(t -> "+refs/tags/" + t + ":refs/tags/" + t).toList());
  }

  private Git worktree(int worker, CommitId base) throws GitException {
    Path where = dir.resolve("work-" + worker);
    if (Files.isDirectory(where.resolve(".git")) || Files.isRegularFile(where.resolve(".git"))) {
      return new Git(where);
    }
    synchronized (this) {
      return cache().addWorktree(where, base);
    }
  }

  /** The base branch's commits since {@code since} (all reachable when null, newest {@code depth} only). */
  synchronized List<dev.patchflow.git.LogEntry> upstreamSince(String since, int depth) throws GitException {
    CommitId head = baseHead(true);
    if (since != null) {
      Optional<CommitId> last = cache().resolve(since);
      if (last.isPresent() && cache().isAncestor(last.get(), head)) {
        return cache().log(last.get().sha() + ".." + head.sha());
      }
    }
    return cache().lastCommits(head, depth);
  }

  /** The diff of an upstream commit, for matching patches by content. */
  synchronized String diffOf(CommitId commit) throws GitException {
    return cache().diffOf(commit);
  }
}
