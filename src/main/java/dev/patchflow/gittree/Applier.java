package dev.patchflow.gittree;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.patchflow.config.ApplierConfig;
import dev.patchflow.config.ProjectConfig;
import dev.patchflow.git.CommitId;
import dev.patchflow.git.GitException;
import dev.patchflow.store.ApplyRepository;
import dev.patchflow.store.Database;
import dev.patchflow.store.Mboxes;
import dev.patchflow.store.ProjectRepository;
import dev.patchflow.store.ResultRepository;
import dev.patchflow.store.SeriesDetail;
import dev.patchflow.store.SeriesQueries;
import dev.patchflow.store.SubmissionQueries;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies every complete series of the projects that have a git tree: queues them in the
 * store, and a pool of workers takes them one at a time, applies each onto its base (the
 * project's branch, or the tag of the series named in Based-on), pushes the tag and records a
 * "git" result. The queue is in the store, so a series is applied once, and a restart (or
 * another replica) picks up what was pending or cut off.
 */
public final class Applier {
  private static final Logger LOG = LoggerFactory.getLogger(Applier.class);
  private static final ObjectMapper JSON = new ObjectMapper();
  /** A claim older than this is taken to belong to a worker that died. */
  static final Duration LEASE = Duration.ofMinutes(30);
  /** How long a series waits before asking again whether the series it is based on is applied. */
  private static final Duration WAIT_FOR_BASE = Duration.ofSeconds(2);
  private static final int MAX_ATTEMPTS = 10;

  private final Database db;
  private final ApplierConfig config;
  private final Clock clock;
  private final String worker;
  private final Map<Long, ProjectTree> trees = new LinkedHashMap<>();
  private final Map<Long, TagPusher> pushers = new HashMap<>();
  private final ApplyRepository queue = new ApplyRepository();
  private final ResultRepository results = new ResultRepository();
  private final Mboxes mboxes = new Mboxes();

  /** What one pass did. */
  public record Pass(int queued, int applied, int failed, int deferred) {
    public String describe() {
      return "queued " + queued + ", applied " + applied + ", failed " + failed + ", deferred " + deferred;
    }
  }

  public Applier(Database db, List<ProjectConfig> projects, Path gitHome, ApplierConfig config, String worker, Clock clock) {
    this.db = db;
    this.config = config;
    this.clock = clock;
    this.worker = worker;
    ProjectRepository repo = new ProjectRepository();
    db.jdbi().useTransaction(h -> {
      for (ProjectConfig p : projects) {
        if (p.git() != null) {
          long id = repo.byName(h, p.name()).orElseGet(() -> repo.ensure(h, p.name(), p.listId(),
              p.listEmails().isEmpty() ? null : p.listEmails().get(0))).id();
          ProjectTree tree = new ProjectTree(p.name(), p.git(), gitHome.resolve(p.name()), clock);
          trees.put(id, tree);
          pushers.put(id, new TagPusher(tree, done -> done.forEach(w -> record(w.outcome(), w.seriesId(), tree)),
              (done, e) -> done.forEach(w -> retryOrFail(w.seriesId(), w.attempts(), e))));
        }
      }
      int released = queue.release(h, worker, clock.instant().minus(LEASE), clock.instant());
      if (released > 0) {
        LOG.atInfo().addKeyValue("series", released).log("series left running by an earlier run are pending again");
      }
    });
  }

  public boolean enabled() {
    return !trees.isEmpty();
  }

  /** Scans the upstream branch of every project with a git tree for merged patches. */
  public int scanMerges(MergeDetector detector) {
    return detector.scan(trees);
  }

  /**
   * Queues new complete series, then applies every due one with the configured workers, until
   * none is left that can be applied now or in a moment (a series waiting for the one it is
   * based on, which this pass is applying, is taken again when that one is done).
   */
  public Pass runOnce() throws InterruptedException {
    Instant now = clock.instant();
    int queued = db.jdbi().inTransaction(h -> queue.enqueueComplete(h, trees.keySet(),
        now.minus(Duration.ofDays(config.maxAgeDaysOrDefault())), now));
    Pass total = new Pass(queued, 0, 0, 0);
    while (true) {
      Pass p = drain();
      for (TagPusher pusher : pushers.values()) {
        pusher.flush();
      }
      total = new Pass(queued, total.applied() + p.applied(), total.failed() + p.failed(), total.deferred() + p.deferred());
      Instant soon = clock.instant().plus(WAIT_FOR_BASE.multipliedBy(2));
      boolean waiting = p.deferred() > 0 && db.jdbi().withHandle(h -> queue.dueBy(h, soon)) > 0;
      if (!waiting) {
        return total;
      }
      Thread.sleep(WAIT_FOR_BASE.toMillis());
    }
  }

  /** Applies claimable series with the configured workers until none is left. */
  private Pass drain() throws InterruptedException {
    int workers = config.workersOrDefault();
    ExecutorService pool = Executors.newFixedThreadPool(workers, r -> {
      Thread t = new Thread(r, "patchflow-apply");
      t.setDaemon(true);
      return t;
    });
    AtomicInteger applied = new AtomicInteger();
    AtomicInteger failed = new AtomicInteger();
    AtomicInteger deferred = new AtomicInteger();
    try {
      List<Future<?>> running = new java.util.ArrayList<>();
      for (int w = 0; w < workers; w++) {
        int index = w;
        running.add(pool.submit(() -> {
          Optional<ApplyRepository.Job> job;
          while (!Thread.currentThread().isInterrupted()
              && (job = db.jdbi().inTransaction(h -> queue.claim(h, worker, trees.keySet(), clock.instant()))).isPresent()) {
            // APPLIED once tagged here: a push that fails later re-queues the series (retryOrFail).
            switch (process(index, job.get())) {
              case APPLIED -> applied.incrementAndGet();
              case FAILED -> failed.incrementAndGet();
              case DEFERRED -> deferred.incrementAndGet();
            }
          }
          return null;
        }));
      }
      for (Future<?> f : running) {
        try {
          f.get();
        } catch (java.util.concurrent.ExecutionException e) {
          LOG.atError().setCause(e.getCause()).log("an apply worker failed");
        }
      }
    } finally {
      pool.shutdownNow();
    }
    return new Pass(0, applied.get(), failed.get(), deferred.get());
  }

  private enum Done { APPLIED, FAILED, DEFERRED }

  /** Applies one claimed series and records how it went. */
  private Done process(int workerIndex, ApplyRepository.Job job) {
    ProjectTree tree = trees.get(job.projectId());
    long id = job.seriesId();
    try {
      Optional<Work> work = db.jdbi().withHandle(h -> work(h, id, job.projectId()));
      if (work.isEmpty() || tree == null) {
        return finishFailed(id, null, null, "the series is gone (re-threaded into another)", "");
      }
      Work w = work.get();
      Base base = base(tree, w, job);
      if (base.waitFor() != null) {
        db.jdbi().useHandle(h -> queue.defer(h, id, clock.instant().plus(WAIT_FOR_BASE), base.waitFor(), clock.instant()));
        return Done.DEFERRED;
      }
      if (base.missing() != null) {
        record(new ApplyOutcome.BaseMissing(base.missing()), id, tree);
        return Done.FAILED;
      }
      long t0 = System.nanoTime();
      ApplyOutcome outcome = tree.apply(workerIndex, w.mbox(), base.commit(), TagName.of(w.anchor()));
      if (outcome instanceof ApplyOutcome.Applied a) {
        pushers.get(job.projectId()).submit(new TagPusher.Waiting(id, a, job.attempts()));
      } else {
        record(outcome, id, tree);
      }
      LOG.atInfo().addKeyValue("series", id).addKeyValue("project", tree.project())
          .addKeyValue("outcome", outcome.getClass().getSimpleName().toLowerCase(java.util.Locale.ROOT))
          .addKeyValue("base", base.commit().abbrev()).addKeyValue("ms", (System.nanoTime() - t0) / 1_000_000)
          .log("series applied");
      return outcome instanceof ApplyOutcome.Applied ? Done.APPLIED : Done.FAILED;
    } catch (GitException e) {
      return retryOrFail(id, job.attempts(), e);
    }
  }

  /** git failed (the network or the remote, most likely): try again later, give up after a while. */
  private Done retryOrFail(long id, int attempts, GitException e) {
    if (attempts >= MAX_ATTEMPTS) {
      return finishFailed(id, null, null, "git failed " + attempts + " times: " + e.getMessage(), e.stderr());
    }
    Duration backoff = Duration.ofSeconds(Math.min(3600, 30L << Math.min(attempts, 7)));
    LOG.atWarn().addKeyValue("series", id).addKeyValue("retry_in_s", backoff.toSeconds())
        .log("applying failed, will retry: " + e.getMessage());
    db.jdbi().useHandle(h -> queue.defer(h, id, clock.instant().plus(backoff), e.getMessage(), clock.instant()));
    return Done.DEFERRED;
  }

  /** What applying a series needs from the store. */
  private record Work(String anchor, byte[] mbox, Optional<String> basedOn, long projectId) {}

  private Optional<Work> work(org.jdbi.v3.core.Handle h, long seriesId, long projectId) {
    Optional<SeriesDetail> d = new SeriesQueries().get(h, seriesId);
    if (d.isEmpty() || d.get().patches().isEmpty()) {
      return Optional.empty();
    }
    SeriesDetail s = d.get();
    SeriesDetail.MessageRef head = s.cover() != null ? s.cover() : s.patches().get(0).message();
    String body = new SubmissionQueries().body(h, head.id()).map(SubmissionQueries.Body::content).orElse("");
    byte[] mbox = mboxes.series(h, s).getBytes(StandardCharsets.UTF_8);
    return Optional.of(new Work(head.messageId(), mbox, BasedOn.find(body), projectId));
  }

  /** The commit to apply onto; or why to wait; or why there is none. */
  private record Base(CommitId commit, String waitFor, String missing) {}

  private Base base(ProjectTree tree, Work w, ApplyRepository.Job job) throws GitException {
    if (w.basedOn().isEmpty()) {
      return new Base(tree.baseHead(), null, null);
    }
    String msgid = w.basedOn().get();
    Optional<Long> other = db.jdbi().withHandle(h -> h.createQuery("SELECT sm.series_id FROM series_member sm "
            + "JOIN message m ON m.id = sm.message_id JOIN series s ON s.id = sm.series_id "
            + "WHERE m.msgid = :m AND s.project_id = :p AND sm.role IN ('cover', 'patch') ORDER BY sm.series_id DESC")
        .bind("m", msgid).bind("p", w.projectId()).mapTo(Long.class).findFirst());
    if (other.isEmpty()) {
      return new Base(null, null, "Based-on: <" + msgid + ">: no such series in " + tree.project());
    }
    Optional<ApplyRepository.Job> otherJob = db.jdbi().withHandle(h -> queue.get(h, other.get()));
    String state = otherJob.map(ApplyRepository.Job::state).orElse("pending");
    if (state.equals("applied")) {
      Optional<CommitId> tag = tree.resolve("refs/tags/" + otherJob.get().tag());
      return tag.map(c -> new Base(c, null, null))
          .orElseGet(() -> new Base(null, null, "Based-on: series " + other.get() + " was applied, but its tag is gone"));
    }
    if (state.equals("failed")) {
      return new Base(null, null, "Based-on: series " + other.get() + " did not apply");
    }
    if (job.attempts() > MAX_ATTEMPTS * 3) {
      return new Base(null, null, "Based-on: series " + other.get() + " is still not applied");
    }
    return new Base(null, "waiting for series " + other.get() + " (Based-on)", null);
  }

  private void record(ApplyOutcome outcome, long seriesId, ProjectTree tree) {
    Instant now = clock.instant();
    Map<String, Object> data = new HashMap<>();
    String logUrl = "/series/" + seriesId + "/#git";
    if (outcome instanceof ApplyOutcome.Applied a) {
      data.put("repo", tree.config().pushUrl());
      data.put("tag", a.tag());
      data.put("url", tree.config().publicUrlOf(a.tag()));
      data.put("base", a.base().sha());
      data.put("head", a.head().sha());
      db.jdbi().useTransaction(h -> {
        queue.finish(h, seriesId, "applied", a.base().sha(), a.head().sha(), a.tag(), null,
            "applied " + a.commits().size() + " patches onto " + a.base().abbrev() + " as " + a.tag(), null, now);
        results.put(h, seriesId, "git", "success", logUrl, json(data), now);
      });
    } else if (outcome instanceof ApplyOutcome.Conflicted c) {
      data.put("base", c.base().sha());
      data.put("failed_patch", c.conflict().patchIndex());
      data.put("subject", c.conflict().subject());
      data.put("paths", c.conflict().paths());
      String summary = "patch " + c.conflict().patchIndex() + " (" + c.conflict().subject() + ") does not apply onto "
          + c.base().abbrev() + (c.conflict().paths().isEmpty() ? "" : ": conflicts in "
          + String.join(", ", c.conflict().paths()));
      String detail = c.conflict().output() + (c.conflict().hunks().isEmpty() ? "" : "\n\n" + c.conflict().hunks());
      db.jdbi().useTransaction(h -> {
        queue.finish(h, seriesId, "failed", c.base().sha(), null, null, c.conflict().patchIndex(), summary, detail, now);
        results.put(h, seriesId, "git", "failure", logUrl, json(data), now);
      });
    } else if (outcome instanceof ApplyOutcome.BaseMissing m) {
      data.put("error", m.reason());
      db.jdbi().useTransaction(h -> {
        queue.finish(h, seriesId, "failed", null, null, null, null, m.reason(), "", now);
        results.put(h, seriesId, "git", "failure", logUrl, json(data), now);
      });
    }
  }

  private Done finishFailed(long seriesId, String base, Integer patch, String summary, String detail) {
    Instant now = clock.instant();
    db.jdbi().useTransaction(h -> {
      queue.finish(h, seriesId, "failed", base, null, null, patch, summary, detail, now);
      if (h.createQuery("SELECT COUNT(*) FROM series WHERE id = :id").bind("id", seriesId).mapTo(Long.class).one() > 0) {
        results.put(h, seriesId, "git", "failure", "/series/" + seriesId + "/#git", json(Map.of("error", summary)), now);
      }
    });
    LOG.atWarn().addKeyValue("series", seriesId).log("not applied: " + summary);
    return Done.FAILED;
  }

  private static String json(Object o) {
    try {
      return JSON.writeValueAsString(o);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
