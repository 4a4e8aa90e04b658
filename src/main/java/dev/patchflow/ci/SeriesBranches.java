package dev.patchflow.ci;

import dev.patchflow.git.AmResult;
import dev.patchflow.git.CommitId;
import dev.patchflow.git.Git;
import dev.patchflow.git.GitException;
import dev.patchflow.git.LogEntry;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies a series on a target's base and pushes it to its own branch, only when that changes
 * what the branch holds: re-pushing the same patches onto a newer base would restart every
 * workflow of every open pull request each time upstream moves.
 */
public final class SeriesBranches {
  /** How many of upstream's newest commits are searched for a series that no longer applies. */
  static final int UPSTREAM_WINDOW = 100;
  private static final Logger LOG = LoggerFactory.getLogger(SeriesBranches.class);

  /**
   * Applies {@code mbox} with `git am -3` on {@code bases.base()}. A conflict on the last target
   * branch is checked against upstream's newest commits: when one of {@code subjects} is among
   * them, the series was merged and no pull request is wanted.
   */
  public SeriesOutcome apply(Git git, BranchTarget t, BaseBranchKeeper.Bases bases, long seriesId, byte[] mbox,
      List<String> subjects, boolean lastTarget) throws GitException {
    String branch = t.seriesBranch(seriesId);
    git.resetTo(bases.base());
    AmResult am = git.am(mbox, true, bases.base());
    if (am instanceof AmResult.Conflict c) {
      if (lastTarget) {
        String merged = upstreamHas(git, bases.upstream(), subjects);
        if (merged != null) {
          return new SeriesOutcome.AlreadyUpstream(merged);
        }
      }
      LOG.atInfo().addKeyValue("series", seriesId).addKeyValue("branch", t.name())
          .addKeyValue("patch", c.patchIndex()).log("series does not apply");
      return new SeriesOutcome.Conflicted(branch, c);
    }
    List<CommitId> commits = ((AmResult.Applied) am).commits();
    if (commits.isEmpty() && !subjects.isEmpty()) {
      // `git am -3` skips a patch whose change the base already has
      return new SeriesOutcome.AlreadyUpstream(subjects.get(0));
    }
    CommitId head = commits.isEmpty() ? bases.base() : commits.get(commits.size() - 1);
    String ref = "refs/heads/" + branch;
    CommitId old = git.lsRemote(t.repoUrl(), List.of(ref)).get(ref);
    if (old != null && sameChanges(git, t, branch, old, head, commits.size(), bases.base())) {
      return new SeriesOutcome.Unchanged(branch, old);
    }
    git.push(t.repoUrl(), List.of("+" + head.sha() + ":" + ref));
    LOG.atInfo().addKeyValue("series", seriesId).addKeyValue("branch", branch).addKeyValue("head", head.sha())
        .addKeyValue("created", old == null).log("series branch pushed");
    return new SeriesOutcome.Pushed(branch, head, old == null);
  }

  /** Deletes a series branch from the target's repository (its pull request is gone). */
  public void delete(Git git, BranchTarget t, String branch) throws GitException {
    git.push(t.repoUrl(), List.of(":refs/heads/" + branch));
  }

  /** The series branches the target's repository holds, with their heads. */
  public Map<String, CommitId> list(Git git, BranchTarget t) throws GitException {
    Map<String, CommitId> out = new java.util.LinkedHashMap<>();
    git.lsRemote(t.repoUrl(), List.of("refs/heads/series/*")).forEach((ref, head) ->
        out.put(ref.substring("refs/heads/".length()), head));
    return out;
  }

  /** Whether the pushed branch's last {@code count} commits have the new ones' changes and messages. */
  private static boolean sameChanges(Git git, BranchTarget t, String branch, CommitId old, CommitId head, int count,
      CommitId base) throws GitException {
    if (git.resolve(old.sha()).isEmpty()) {
      git.fetch(t.repoUrl(), "+refs/heads/" + branch + ":refs/pushed/" + branch);
    }
    List<LogEntry> was = git.lastCommits(old, count);
    List<LogEntry> now = git.log(base.sha() + ".." + head.sha());
    if (was.size() != now.size() || count == 0) {
      return count == 0 && was.isEmpty();
    }
    for (int i = 0; i < now.size(); i++) {
      if (!was.get(i).message().equals(now.get(i).message())) {
        return false;
      }
    }
    CommitId oldBase = git.parents(was.get(0).id()).get(0);
    return git.patchIds(oldBase.sha() + ".." + old.sha()).equals(git.patchIds(base.sha() + ".." + head.sha()));
  }

  private static String upstreamHas(Git git, CommitId upstream, List<String> subjects) throws GitException {
    Set<String> recent = new HashSet<>();
    for (LogEntry e : git.lastCommits(upstream, UPSTREAM_WINDOW)) {
      recent.add(e.subject().strip());
    }
    return subjects.stream().map(String::strip).filter(recent::contains).findFirst().orElse(null);
  }
}
