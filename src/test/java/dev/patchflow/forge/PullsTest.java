package dev.patchflow.forge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class PullsTest {
  private Forge f;

  @BeforeEach
  void start() throws Exception {
    f = new Forge();
  }

  @AfterEach
  void stop() throws Exception {
    f.close();
  }

  @Test
  void aPushIsVisibleAtOnceAndAPullRequestCarriesItsHead() throws Exception {
    String sha = f.push("series/1=>main", "a.c", "one\n");
    assertThat(f.repo.branches().headSha("series/1=>main")).contains(sha);

    PullRequest pr = f.repo.pulls().create("[PATCH] net: fix", "Pull request for series", "series/1=>main", "main");
    assertThat(pr.number()).isEqualTo(1);
    assertThat(pr.state()).isEqualTo(PullRequest.State.OPEN);
    assertThat(pr.headSha()).isEqualTo(sha);
    assertThat(pr.userLogin()).isEqualTo("kpd-bot");
    assertThat(pr.htmlUrl()).endsWith("/acme/linux/pull/1");

    String moved = f.push("series/1=>main", "a.c", "two\n");
    assertThat(f.repo.pulls().get(1).headSha()).isEqualTo(moved);
    assertThat(f.repo.pulls().findOpenByHead("series/1=>main")).map(PullRequest::number).contains(1);
    assertThat(f.repo.pulls().findOpenByHead("series/2=>main")).isEmpty();
  }

  @Test
  void updateRetitlesAndCloseCloses() throws Exception {
    f.push("feature", "a.c", "x\n");
    int n = f.repo.pulls().create("old", "body", "feature", "main").number();

    PullRequest edited = f.repo.pulls().update(n, PullRequestEdit.title("new").withBody("new body"));
    assertThat(edited.title()).isEqualTo("new");
    assertThat(edited.body()).isEqualTo("new body");

    assertThat(f.repo.pulls().close(n).state()).isEqualTo(PullRequest.State.CLOSED);
    assertThat(f.repo.pulls().listOpen()).isEmpty();
    assertThat(f.repo.pulls().list(PullRequest.State.CLOSED)).extracting(PullRequest::title).containsExactly("new");
    assertThat(f.repo.pulls().update(n, PullRequestEdit.reopen()).state()).isEqualTo(PullRequest.State.OPEN);
  }

  @Test
  void aSecondPullRequestForTheSameHeadIsATypedValidationError() throws Exception {
    f.push("feature", "a.c", "x\n");
    f.repo.pulls().create("one", "", "feature", "main");

    assertThatThrownBy(() -> f.repo.pulls().create("two", "", "feature", "main"))
        .isInstanceOfSatisfying(ValidationException.class, e -> {
          assertThat(e.status()).isEqualTo(422);
          assertThat(e.pullRequestExists()).isTrue();
          assertThat(e.method()).isEqualTo("POST");
          assertThat(e.path()).isEqualTo("/repos/acme/linux/pulls");
          assertThat(e.getMessage()).contains("A pull request already exists for acme:feature");
        });
    assertThatThrownBy(() -> f.repo.pulls().create("three", "", "no-such-branch", "main"))
        .isInstanceOfSatisfying(ValidationException.class, e -> {
          assertThat(e.pullRequestExists()).isFalse();
          assertThat(e.errors()).containsExactly("PullRequest.head invalid");
        });
    assertThatThrownBy(() -> f.repo.pulls().get(99)).isInstanceOf(NotFoundException.class);
  }

  @Test
  void listingFollowsLinkPagesAcrossManyPullRequests() throws Exception {
    for (int i = 0; i < 7; i++) {
      f.push("b" + i, "f" + i, "x\n");
      f.repo.pulls().create("pr " + i, "", "b" + i, "main");
    }
    f.events.clear();
    Route first = Route.of("/repos/{owner}/{repo}/pulls", "acme", "linux").with("state", "open").with("per_page", 3);
    List<PullRequest> all = f.client.list(first, null, PullRequest::from, Integer.MAX_VALUE);

    assertThat(all).hasSize(7).extracting(PullRequest::number).containsExactly(7, 6, 5, 4, 3, 2, 1);
    assertThat(f.events).hasSize(3).allSatisfy(e -> assertThat(e.template()).isEqualTo("/repos/{owner}/{repo}/pulls"));
    assertThat(f.gh.requests().get(f.gh.requests().size() - 1).queryParam("page")).isEqualTo("3");
  }

  @Test
  void commentsAreCreatedAndListedWithTheirAuthor() throws Exception {
    f.push("feature", "a.c", "x\n");
    int n = f.repo.pulls().create("t", "", "feature", "main").number();
    Comment c = f.repo.comments().create(n, "Upstream sha: abc123");
    f.repo.comments().create(n, "second");

    assertThat(c.userLogin()).isEqualTo("kpd-bot");
    assertThat(f.repo.comments().list(n)).extracting(Comment::body).containsExactly("Upstream sha: abc123", "second");
    assertThat(f.repo.comments().update(c.id(), "edited").body()).isEqualTo("edited");
  }

  @Test
  void labelsAreCreatedRecolouredAndSetOnAPullRequest() throws Exception {
    f.push("feature", "a.c", "x\n");
    int n = f.repo.pulls().create("t", "", "feature", "main").number();
    f.repo.labels().create("merge-conflict", "000000");

    List<Label> changed = f.repo.labels().ensure(Map.of("merge-conflict", "e85506", "new", "c2e0c6"));
    assertThat(changed).containsExactlyInAnyOrder(new Label("merge-conflict", "e85506"), new Label("new", "c2e0c6"));
    assertThat(f.repo.labels().ensure(Map.of("new", "c2e0c6"))).isEmpty();
    assertThatThrownBy(() -> f.repo.labels().create("new", "ffffff")).isInstanceOf(ValidationException.class);

    f.repo.labels().set(n, List.of("V3", "new"));
    assertThat(f.repo.labels().add(n, List.of("merge-conflict"))).extracting(Label::name)
        .containsExactly("V3", "new", "merge-conflict");
    assertThat(f.repo.labels().remove(n, "new")).isTrue();
    assertThat(f.repo.labels().remove(n, "new")).isFalse();
    PullRequest pr = f.repo.pulls().get(n);
    assertThat(pr.labels()).containsExactly(new Label("V3", "ededed"), new Label("merge-conflict", "e85506"));
    assertThat(pr.hasLabel("v3")).isTrue();
  }

  @Test
  void deletingABranchRemovesItFromTheBareRepoAndClosesItsPullRequest() throws Exception {
    f.push("series/7=>main", "a.c", "x\n");
    f.push("series/8=>main", "b.c", "x\n");
    int n = f.repo.pulls().create("t", "", "series/7=>main", "main").number();
    assertThat(f.repo.branches().list("series/")).extracting(BranchHead::name)
        .containsExactly("series/7=>main", "series/8=>main");

    assertThat(f.repo.branches().delete("series/7=>main")).isTrue();
    assertThat(f.fakeRepo.headSha("series/7=>main")).isEmpty();
    assertThat(f.repo.branches().headSha("series/7=>main")).isEmpty();
    assertThat(f.repo.branches().delete("series/7=>main")).isFalse();
    assertThat(f.repo.pulls().get(n).state()).isEqualTo(PullRequest.State.CLOSED);
    assertThat(f.repo.branches().list("")).extracting(BranchHead::name).containsExactly("main", "series/8=>main");
  }

  @Test
  void whoAmIIsTheTokenUserAndAnUnknownTokenIsUnauthorized() throws Exception {
    assertThat(f.client.login()).isEqualTo("kpd-bot");
    GitHubClient stranger = f.clientFor(GitHubAuth.token(dev.patchflow.config.Secret.of("ghp_unknown000000")));
    assertThatThrownBy(stranger::login).isInstanceOf(UnauthorizedException.class).hasMessageContaining("Bad credentials");
  }

  @Test
  void commitStatusesReachTheFake() throws Exception {
    String sha = f.push("feature", "a.c", "x\n");
    f.repo.statuses().set(sha, "bpf-next-PR", Statuses.State.PENDING, "waiting", "https://ci.example/1");
    assertThat(f.fakeRepo.statuses).singleElement().satisfies(s -> {
      assertThat(s).containsEntry("sha", sha).containsEntry("state", "pending").containsEntry("context", "bpf-next-PR");
    });
  }
}
