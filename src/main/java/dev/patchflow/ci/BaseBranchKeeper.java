package dev.patchflow.ci;

import dev.patchflow.git.CommitId;
import dev.patchflow.git.Git;
import dev.patchflow.git.GitException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps a target's two base branches: "{name}" mirrors upstream, "{name}_base" is upstream plus
 * one commit adding the CI files. Each is pushed only when it changed, and "changed" is decided
 * by content (parent and tree), so the base commit is not rewritten, and every open pull request
 * retested, just because it was rebuilt.
 */
public final class BaseBranchKeeper {
  static final String CI_COMMIT_MESSAGE = "adding ci files\n";
  private static final Logger LOG = LoggerFactory.getLogger(BaseBranchKeeper.class);

  /** The target's bases after an update, and what had to be pushed. */
  public record Bases(CommitId upstream, CommitId base, boolean mirrorPushed, boolean basePushed) {}

  /** Fetches upstream and the CI files, and pushes the bases that changed. */
  public Bases refresh(Git git, BranchTarget t) throws GitException {
    String upstreamRef = "refs/upstream/" + t.name();
    String ciRef = "refs/ci/" + t.name();
    git.fetch(t.upstreamUrl(), "+refs/heads/" + t.upstreamBranch() + ":" + upstreamRef);
    git.fetch(t.ciUrl(), "+refs/heads/" + t.ciBranch() + ":" + ciRef);
    CommitId upstream = git.resolve(upstreamRef).orElseThrow();
    CommitId ci = git.resolve(ciRef).orElseThrow();

    String mirrorHead = "refs/heads/" + t.name();
    String baseHead = "refs/heads/" + t.baseBranch();
    Map<String, CommitId> remote = git.lsRemote(t.repoUrl(), List.of(mirrorHead, baseHead));
    String tree = git.overlayTree(upstream, ci);
    CommitId base = currentBase(git, t, remote.get(baseHead), upstream, tree);
    boolean baseChanged = base == null;
    if (baseChanged) {
      base = git.commitTree(tree, upstream, CI_COMMIT_MESSAGE);
    }
    boolean mirrorChanged = !upstream.equals(remote.get(mirrorHead));
    List<String> refspecs = new ArrayList<>();
    if (mirrorChanged) {
      refspecs.add("+" + upstream.sha() + ":" + mirrorHead);
    }
    if (baseChanged) {
      refspecs.add("+" + base.sha() + ":" + baseHead);
    }
    if (!refspecs.isEmpty()) {
      git.push(t.repoUrl(), refspecs);
      LOG.atInfo().addKeyValue("branch", t.name()).addKeyValue("upstream", upstream.sha())
          .addKeyValue("base", base.sha()).addKeyValue("mirror_pushed", mirrorChanged)
          .addKeyValue("base_pushed", baseChanged).log("base branches updated");
    }
    git.updateRef("refs/bases/" + t.name(), base);
    return new Bases(upstream, base, mirrorChanged, baseChanged);
  }

  /** The remote base when it is already upstream plus these CI files; null when it must be rebuilt. */
  private static CommitId currentBase(Git git, BranchTarget t, CommitId remoteBase, CommitId upstream, String tree)
      throws GitException {
    if (remoteBase == null) {
      return null;
    }
    if (git.resolve(remoteBase.sha()).isEmpty()) {
      git.fetch(t.repoUrl(), "+refs/heads/" + t.baseBranch() + ":refs/remote-bases/" + t.name());
    }
    boolean same = git.parents(remoteBase).equals(List.of(upstream)) && git.treeOf(remoteBase).equals(tree);
    return same ? remoteBase : null;
  }
}
