package dev.patchflow.ci;

import static org.assertj.core.api.Assertions.assertThat;

import dev.patchflow.git.Git;
import dev.patchflow.testing.Sh;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The bridge's git work on real repositories: base branches and series branches. */
class GitSideTest {
  @TempDir
  Path tmp;
  Path upstream;
  Path ci;
  Path github;
  BranchTarget target;
  Git git;
  final BaseBranchKeeper keeper = new BaseBranchKeeper();
  final SeriesBranches series = new SeriesBranches();

  @BeforeEach
  void repos() throws Exception {
    upstream = work("upstream");
    write(upstream, "net/core.c", "int core(void)\n{\n\treturn 0;\n}\n");
    commit(upstream, "net: core");
    ci = work("ci");
    write(ci, ".github/workflows/test.yml", "on: pull_request\n");
    write(ci, "ci/run.sh", "make\n");
    commit(ci, "ci files");
    github = tmp.resolve("github.git");
    Sh.git(tmp, "init", "-q", "--bare", "-b", "main", github.toString());
    target = new BranchTarget("net-next", github.toString(), upstream.toString(), "main", ci.toString(), "main");
    git = new BranchRepo(tmp.resolve("work/net-next"), Map::of, Git.Identity.PATCHFLOW).git();
  }

  @Test
  void basesArePushedOnceAndAgainOnlyWhenUpstreamOrTheCiFilesMove() throws Exception {
    BaseBranchKeeper.Bases first = keeper.refresh(git, target);
    assertThat(first.mirrorPushed()).isTrue();
    assertThat(first.basePushed()).isTrue();
    assertThat(head(github, "net-next")).isEqualTo(head(upstream, "main"));
    assertThat(Sh.git(github, "ls-tree", "-r", "--name-only", "net-next_base"))
        .contains(".github/workflows/test.yml", "ci/run.sh", "net/core.c");
    assertThat(Sh.git(github, "rev-parse", "net-next_base^")).isEqualTo(head(upstream, "main"));

    BaseBranchKeeper.Bases idle = keeper.refresh(git, target);
    assertThat(idle.mirrorPushed()).isFalse();
    assertThat(idle.basePushed()).isFalse();
    assertThat(idle.base()).isEqualTo(first.base());

    write(ci, "ci/run.sh", "make -j8\n");
    commit(ci, "faster");
    BaseBranchKeeper.Bases ciMoved = keeper.refresh(git, target);
    assertThat(ciMoved.mirrorPushed()).isFalse();
    assertThat(ciMoved.basePushed()).isTrue();
    assertThat(Sh.git(github, "show", "net-next_base:ci/run.sh")).isEqualTo("make -j8\n");

    write(upstream, "net/dev.c", "int dev;\n");
    commit(upstream, "net: dev");
    BaseBranchKeeper.Bases upMoved = keeper.refresh(git, target);
    assertThat(upMoved.mirrorPushed()).isTrue();
    assertThat(upMoved.basePushed()).isTrue();
    assertThat(Sh.git(github, "rev-parse", "net-next_base^")).isEqualTo(head(upstream, "main"));
  }

  @Test
  void aSeriesIsPushedWhenNewAndNotAgainWhenOnlyTheBaseMoved() throws Exception {
    BaseBranchKeeper.Bases bases = keeper.refresh(git, target);
    byte[] mbox = patch(null, 1, "net: return one");
    SeriesOutcome first = series.apply(git, target, bases, 7, mbox, List.of("net: return one"), true);
    assertThat(first).isInstanceOf(SeriesOutcome.Pushed.class);
    assertThat(((SeriesOutcome.Pushed) first).created()).isTrue();
    assertThat(Sh.git(github, "log", "-1", "--format=%s", "series/7=>net-next")).isEqualTo("net: return one\n");
    assertThat(series.list(git, target)).containsKey("series/7=>net-next");

    write(upstream, "net/dev.c", "int dev;\n");
    commit(upstream, "net: dev");
    BaseBranchKeeper.Bases moved = keeper.refresh(git, target);
    SeriesOutcome again = series.apply(git, target, moved, 7, mbox, List.of("net: return one"), true);
    assertThat(again).isInstanceOf(SeriesOutcome.Unchanged.class);
    assertThat(((SeriesOutcome.Unchanged) again).head().sha() + "\n")
        .isEqualTo(Sh.git(github, "rev-parse", "series/7=>net-next"));

    byte[] reworded = patch(null, 1, "net: return one, not zero");
    SeriesOutcome changed = series.apply(git, target, moved, 7, reworded, List.of("net: return one, not zero"), true);
    assertThat(changed).isInstanceOf(SeriesOutcome.Pushed.class);
    assertThat(((SeriesOutcome.Pushed) changed).created()).isFalse();

    series.delete(git, target, "series/7=>net-next");
    assertThat(series.list(git, target)).isEmpty();
  }

  @Test
  void aConflictIsDescribedAndASeriesAlreadyUpstreamIsRecognised() throws Exception {
    BaseBranchKeeper.Bases bases = keeper.refresh(git, target);
    byte[] stale = patch("int core(void)\n{\n\treturn 7;\n}\n", 8, "net: return eight");
    SeriesOutcome conflict = series.apply(git, target, bases, 9, stale, List.of("net: return eight"), true);
    assertThat(conflict).isInstanceOf(SeriesOutcome.Conflicted.class);
    assertThat(((SeriesOutcome.Conflicted) conflict).conflict().output()).contains("net: return eight");
    assertThat(series.list(git, target)).isEmpty();

    byte[] mbox = patch(null, 2, "net: return two");
    write(upstream, "net/core.c", "int core(void)\n{\n\treturn 2;\n}\n");
    commit(upstream, "net: return two");
    BaseBranchKeeper.Bases applied = keeper.refresh(git, target);
    assertThat(series.apply(git, target, applied, 10, mbox, List.of("net: return two"), false))
        .as("git am -3 finds nothing left to change").isEqualTo(new SeriesOutcome.AlreadyUpstream("net: return two"));

    write(upstream, "net/core.c", "int core(void)\n{\n\treturn 3;\n}\n");
    commit(upstream, "net: return three");
    BaseBranchKeeper.Bases moved = keeper.refresh(git, target);
    SeriesOutcome merged = series.apply(git, target, moved, 10, mbox, List.of("net: return two"), true);
    assertThat(merged).isEqualTo(new SeriesOutcome.AlreadyUpstream("net: return two"));
    SeriesOutcome notLast = series.apply(git, target, moved, 10, mbox, List.of("net: return two"), false);
    assertThat(notLast).as("only the last target looks upstream").isInstanceOf(SeriesOutcome.Conflicted.class);
    assertThat(series.list(git, target)).isEmpty();
  }

  @Test
  void credentialsGoToTheRepositoryHostOnlyAndNeverIntoTheCommand() {
    Map<String, String> c = BranchRepo.tokenHeader("https://github.com/kernel-patches/bpf.git", "ghs_secret");
    assertThat(c).containsOnlyKeys("http.https://github.com/.extraHeader");
    assertThat(c.values().iterator().next()).startsWith("Authorization: Basic ").doesNotContain("ghs_secret");
    assertThat(BranchRepo.tokenHeader("/srv/git/bpf.git", "ghs_secret")).isEmpty();
  }

  /**
   * A one-patch mbox that sets net/core.c to return {@code value}, made in a clone of upstream;
   * with {@code local} the clone first commits a change upstream never sees, so the patch's
   * preimage is unknown to the bridge.
   */
  private byte[] patch(String local, int value, String subject) throws Exception {
    Path w = tmp.resolve("author-" + System.nanoTime());
    Sh.git(tmp, "clone", "-q", upstream.toString(), w.toString());
    if (local != null) {
      write(w, "net/core.c", local);
      commit(w, "local change");
    }
    write(w, "net/core.c", "int core(void)\n{\n\treturn " + value + ";\n}\n");
    commit(w, subject);
    return Sh.git(w, "format-patch", "-1", "--stdout", "HEAD").getBytes(StandardCharsets.UTF_8);
  }

  private Path work(String name) {
    Path d = tmp.resolve(name);
    Sh.git(tmp, "init", "-q", "-b", "main", d.toString());
    return d;
  }

  private static void write(Path repo, String file, String text) throws Exception {
    Path f = repo.resolve(file);
    Files.createDirectories(f.getParent());
    Files.writeString(f, text);
  }

  private static void commit(Path repo, String subject) {
    Sh.git(repo, "add", "-A");
    Sh.git(repo, "commit", "-qm", subject);
  }

  private static String head(Path repo, String branch) {
    return Sh.git(repo, "rev-parse", branch);
  }
}
