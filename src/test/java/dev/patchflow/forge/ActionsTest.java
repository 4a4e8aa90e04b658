package dev.patchflow.forge;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ActionsTest {
  private Forge f;

  @BeforeEach
  void start() throws Exception {
    f = new Forge();
    f.gh.actions.onPullRequest("bpf-ci", "build-x86_64", "test-x86_64");
  }

  @AfterEach
  void stop() throws Exception {
    f.close();
  }

  @Test
  void openingAPullRequestQueuesRunsForItsHeadAndAPushQueuesNewOnes() throws Exception {
    String first = f.push("series/1=>main", "a.c", "1\n");
    f.repo.pulls().create("t", "", "series/1=>main", "main");

    List<WorkflowRun> runs = f.repo.actions().runs(RunFilter.all().headSha(first));
    assertThat(runs).singleElement().satisfies(r -> {
      assertThat(r.name()).isEqualTo("bpf-ci");
      assertThat(r.status()).isEqualTo("queued");
      assertThat(r.conclusion()).isNull();
      assertThat(r.event()).isEqualTo("pull_request");
      assertThat(r.actorLogin()).isEqualTo("kpd-bot");
      assertThat(r.headBranch()).isEqualTo("series/1=>main");
    });

    String second = f.push("series/1=>main", "a.c", "2\n");
    assertThat(f.repo.actions().runs(RunFilter.all().headSha(second))).hasSize(1);
    assertThat(f.repo.actions().runs(RunFilter.all().branch("series/1=>main"))).extracting(WorkflowRun::headSha)
        .containsExactly(second, first);
    assertThat(f.repo.actions().runs(RunFilter.all().actor("someone-else"))).isEmpty();
  }

  @Test
  void jobsCompleteOneByOneAndTheRunConcludesFromThem() throws Exception {
    String sha = f.push("feature", "a.c", "1\n");
    f.repo.pulls().create("t", "", "feature", "main");
    long runId = f.repo.actions().runs(RunFilter.all().headSha(sha)).get(0).id();
    List<WorkflowJob> jobs = f.repo.actions().jobs(runId);
    assertThat(jobs).extracting(WorkflowJob::name).containsExactly("build-x86_64", "test-x86_64");
    assertThat(jobs).allSatisfy(j -> assertThat(j.runId()).isEqualTo(runId));

    f.gh.actions.completeJob(jobs.get(0).id(), "success");
    assertThat(f.repo.actions().run(runId).completed()).isFalse();
    f.gh.actions.completeJob(jobs.get(1).id(), "failure");

    WorkflowRun done = f.repo.actions().run(runId);
    assertThat(done.completed()).isTrue();
    assertThat(done.conclusion()).isEqualTo("failure");
    assertThat(f.repo.actions().jobs(runId)).extracting(WorkflowJob::conclusion).containsExactly("success", "failure");
    assertThat(f.repo.actions().jobs(runId).get(1).steps()).singleElement()
        .satisfies(s -> assertThat(s.conclusion()).isEqualTo("failure"));
    assertThat(f.repo.actions().runs(RunFilter.all().status("failure"))).extracting(WorkflowRun::id).containsExactly(runId);
    assertThat(f.repo.actions().runs(RunFilter.all().status("queued"))).isEmpty();
  }

  @Test
  void pollingUnchangedRunsIsServedFromTheCacheUntilARunCompletes() throws Exception {
    String sha = f.push("feature", "a.c", "1\n");
    FakeActions.Run manual = f.gh.actions.add(f.fakeRepo, sha, "feature", "nightly", "push", "octocat", List.of("all"));
    RunFilter filter = RunFilter.all().headSha(sha).event("push");

    assertThat(f.repo.actions().runs(filter)).extracting(WorkflowRun::status).containsExactly("queued");
    int remaining = f.gh.rateLimitRemaining();
    f.events.clear();
    assertThat(f.repo.actions().runs(filter)).extracting(WorkflowRun::status).containsExactly("queued");
    assertThat(f.events).singleElement().satisfies(e -> {
      assertThat(e.status()).isEqualTo(304);
      assertThat(e.fromCache()).isTrue();
    });
    assertThat(f.gh.rateLimitRemaining()).isEqualTo(remaining);

    f.clock.advance(Duration.ofMinutes(3));
    f.gh.actions.completeRun(manual.id(), "success");
    f.events.clear();
    assertThat(f.repo.actions().runs(filter)).extracting(WorkflowRun::conclusion).containsExactly("success");
    assertThat(f.events).singleElement().satisfies(e -> assertThat(e.fromCache()).isFalse());
  }

  @Test
  void createdSinceAndPagingNarrowTheListing() throws Exception {
    String sha = f.push("feature", "a.c", "1\n");
    for (int i = 0; i < 5; i++) {
      f.gh.actions.add(f.fakeRepo, sha, "feature", "w" + i, "push", "octocat", List.of("j"));
      f.clock.advance(Duration.ofHours(1));
    }
    List<WorkflowRun> recent = f.repo.actions().runs(RunFilter.all().createdSince(f.clock.instant().minus(Duration.ofHours(2))).perPage(1));
    assertThat(recent).extracting(WorkflowRun::name).containsExactly("w4", "w3");
    assertThat(f.repo.actions().runs(RunFilter.all().perPage(2).limit(3))).extracting(WorkflowRun::name)
        .containsExactly("w4", "w3", "w2");
  }
}
