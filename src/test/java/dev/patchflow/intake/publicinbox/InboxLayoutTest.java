package dev.patchflow.intake.publicinbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which epochs a path given to import stands for; the repositories are bare layouts on disk. */
class InboxLayoutTest {
  @TempDir Path tmp;

  private Path bare(Path repo) throws IOException {
    Files.createDirectories(repo.resolve("objects"));
    Files.writeString(repo.resolve("HEAD"), "ref: refs/heads/master\n");
    return repo;
  }

  @Test
  void anInboxListsItsEpochsInNumericOrder() throws Exception {
    Path inbox = tmp.resolve("lkml");
    for (int n : new int[] {10, 2, 0, 1}) {
      bare(inbox.resolve("git/" + n + ".git"));
    }
    bare(inbox.resolve("all.git")); // public-inbox's alternates repository, not an epoch
    assertThat(InboxLayout.epochs(inbox)).extracting(Epoch::label)
        .containsExactly("lkml/git/0.git", "lkml/git/1.git", "lkml/git/2.git", "lkml/git/10.git");
  }

  @Test
  void oneEpochOrADirectoryOfInboxes() throws Exception {
    bare(tmp.resolve("lkml/git/0.git"));
    bare(tmp.resolve("netdev/git/0.git"));
    bare(tmp.resolve("netdev/git/1.git"));
    Files.createDirectories(tmp.resolve("not-an-inbox"));
    assertThat(InboxLayout.epochs(tmp.resolve("netdev/git/1.git"))).singleElement().satisfies(e -> {
      assertThat(e.label()).isEqualTo("netdev/git/1.git");
      assertThat(e.key()).isEqualTo(tmp.resolve("netdev/git/1.git").toRealPath().toString());
    });
    assertThat(InboxLayout.epochs(tmp)).extracting(Epoch::label)
        .containsExactly("lkml/git/0.git", "netdev/git/0.git", "netdev/git/1.git");
  }

  @Test
  void v1InboxesAndOtherDirectoriesAreRefusedByName() throws Exception {
    Path v1 = bare(tmp.resolve("old-list.git"));
    assertThatThrownBy(() -> InboxLayout.epochs(v1)).hasMessageContaining("v1 inboxes are not supported");
    Path empty = Files.createDirectories(tmp.resolve("empty"));
    assertThatThrownBy(() -> InboxLayout.epochs(empty)).hasMessageContaining("not a public-inbox v2 inbox");
    assertThatThrownBy(() -> InboxLayout.epochs(tmp.resolve("missing"))).hasMessageContaining("no such file");
  }

  @Test
  void anOriginNamesItsCommit() {
    Epoch e = new Epoch(tmp, "lkml/git/3.git");
    String origin = EpochSource.origin(e, "0123456789abcdef0123456789abcdef01234567");
    assertThat(origin).isEqualTo("lkml/git/3.git@0123456789abcdef0123456789abcdef01234567");
    assertThat(EpochSource.commitOf(origin)).isEqualTo("0123456789abcdef0123456789abcdef01234567");
  }
}
