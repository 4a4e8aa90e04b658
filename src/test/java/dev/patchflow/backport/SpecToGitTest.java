package dev.patchflow.backport;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link SpecToGit} end to end: real git, a small kernel repository and a spec of three patches. */
class SpecToGitTest {
  private static final String BRANCH = "spec2git/linux-1.0.1";

  @TempDir Path tmp;
  SpecRepo repo;
  PatchStack stack;

  @BeforeEach
  void setUp() throws Exception {
    repo = new SpecRepo(tmp);
    stack = repo.stack();
  }

  private SpecToGit.Outcome run(String branch, Integer startFrom, Integer stopBefore, boolean force) throws Exception {
    return SpecToGit.run(new SpecToGit.Request(repo.specDir, stack, repo.linux, "v1.0.1", branch, startFrom, stopBefore,
        force, null));
  }

  @Test
  void stopsAtThePatchThatDoesNotApplyWithTheBranchAtTheLastGoodOne() throws Exception {
    assertThat(stack.neverApplied()).extracting(SpecFile.PatchDecl::number).containsExactly(103);
    String headBefore = repo.git("rev-parse", "HEAD");

    SpecToGit.Outcome o = run(BRANCH, null, null, false);

    assertThat(o).isInstanceOf(SpecToGit.PatchFailed.class);
    SpecToGit.PatchFailed f = (SpecToGit.PatchFailed) o;
    assertThat(f.entry().number()).isEqualTo(102);
    assertThat(f.entry().label()).isEqualTo("Patch102 (broken.patch)");
    assertThat(f.reason()).startsWith("git apply -p1: ").contains("mm/page.c");
    assertThat(f.applied()).extracting(a -> a.entry().number()).containsExactly(100, 101);
    assertThat(f.applied()).extracting(SpecToGit.Applied::mail).containsExactly(true, false);
    assertThat(repo.git("rev-parse", BRANCH).strip()).isEqualTo(f.head().sha());

    // The mail keeps its author and message (trailer added to its own block); the diff is named by its file.
    assertThat(repo.log("v1.0.1.." + BRANCH, "%an|%s")).containsExactly(
        "Grace Hopper|fork: guard clone flags", "Patchflow|" + SpecRepo.PLAIN);
    assertThat(repo.git("log", "-1", "--format=%B", BRANCH + "~1")).contains(
        "Signed-off-by: Grace Hopper <grace@example.org>\nPatch100: " + SpecRepo.MAIL + "\n");
    assertThat(repo.git("log", "-1", "--format=%B", BRANCH)).isEqualTo(
        SpecRepo.PLAIN + "\n\nRaise tx for the esx flavour.\n\nPatch101: " + SpecRepo.PLAIN + "\n\n");
    assertThat(repo.git("show", BRANCH + ":net/core.c")).isEqualTo("int rx;\nint tx = 4;\n");
    assertThat(repo.git("show", BRANCH + ":kernel/fork.c")).contains("guard()");

    // The caller's checkout is as it was, and the temporary work tree is gone.
    assertThat(repo.git("rev-parse", "HEAD")).isEqualTo(headBefore);
    assertThat(repo.git("status", "--porcelain")).isEmpty();
    assertThat(repo.git("worktree", "list").lines()).hasSize(1);
  }

  @Test
  void stopBeforeAPatchThenContinueTheBranch() throws Exception {
    SpecToGit.Outcome first = run("review", null, 101, false);
    assertThat(first).isInstanceOf(SpecToGit.Completed.class);
    SpecToGit.Completed c = (SpecToGit.Completed) first;
    assertThat(c.applied()).extracting(a -> a.entry().number()).containsExactly(100);
    assertThat(c.stoppedBefore()).map(PatchStack.Entry::number).contains(101);
    assertThat(repo.log("v1.0.1..review", "%s")).containsExactly("fork: guard clone flags");

    // The branch exists: refused without --force, continued with --start-from-patch.
    assertThat(run("review", null, 102, false)).isInstanceOf(SpecToGit.Refused.class)
        .asString().contains("branch review exists");
    SpecToGit.Outcome resumed = run("review", 101, 102, false);
    assertThat(resumed).isInstanceOf(SpecToGit.Completed.class);
    assertThat(((SpecToGit.Completed) resumed).applied()).extracting(a -> a.entry().number()).containsExactly(101);
    assertThat(repo.log("v1.0.1..review", "%s")).containsExactly("fork: guard clone flags", SpecRepo.PLAIN);

    // --force starts over from the base.
    SpecToGit.Outcome again = run("review", null, 101, true);
    assertThat(again).isInstanceOf(SpecToGit.Completed.class);
    assertThat(repo.log("v1.0.1..review", "%s")).containsExactly("fork: guard clone flags");
  }

  @Test
  void refusesBeforeTouchingGit() throws Exception {
    Files.delete(repo.specDir.resolve("CVE").resolve(SpecRepo.BROKEN));
    assertThat(run(BRANCH, null, null, false)).isEqualTo(new SpecToGit.Refused(
        "Patch102 (broken.patch): no such file under " + repo.specDir));
    assertThat(run(BRANCH, null, 999, false)).isEqualTo(new SpecToGit.Refused(
        "Patch999 is not applied to the source tree by this spec"));
    assertThat(SpecToGit.run(new SpecToGit.Request(repo.specDir, stack, repo.linux, "v9.9", BRANCH, null, 102, false, null)))
        .isEqualTo(new SpecToGit.Refused("base v9.9 is not a commit in " + repo.linux));
    assertThat(repo.git("branch", "--list").lines()).containsExactly("* master");
  }

  @Test
  void aKeptWorkTreeStaysAtTheFailure() throws Exception {
    Path where = tmp.resolve("wt");
    SpecToGit.Outcome o = SpecToGit.run(new SpecToGit.Request(repo.specDir, stack, repo.linux, "v1.0.1", BRANCH, null,
        null, false, where));
    assertThat(o).isInstanceOf(SpecToGit.PatchFailed.class);
    assertThat(Files.readString(where.resolve("net/core.c"))).isEqualTo("int rx;\nint tx = 4;\n");
    assertThat(repo.git("worktree", "list").lines()).hasSize(2);
  }

  @Test
  void trailersJoinAnExistingTrailerBlock() {
    assertThat(SpecToGit.withTrailer("subj\n\nbody\n\nSigned-off-by: A <a@b>\n", "Patch1: x.patch"))
        .isEqualTo("subj\n\nbody\n\nSigned-off-by: A <a@b>\nPatch1: x.patch\n");
    assertThat(SpecToGit.withTrailer("subj\n\nbody text\n", "Patch1: x.patch"))
        .isEqualTo("subj\n\nbody text\n\nPatch1: x.patch\n");
    assertThat(SpecToGit.isMail("diff --git a/x b/x\n")).isFalse();
  }
}
