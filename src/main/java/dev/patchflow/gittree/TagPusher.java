package dev.patchflow.gittree;

import dev.patchflow.git.GitException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * Publishes one project's tags while the workers go on applying: everything that is waiting
 * goes out in one push (one connection and one pack for a burst of series, where a push per
 * series would cost a round trip each), and a series' result is recorded only once its tag is
 * out, so that nobody is sent to fetch a tag that is not there.
 */
final class TagPusher {
  /** A series applied and tagged here, waiting for its tag to be pushed. */
  record Waiting(long seriesId, ApplyOutcome.Applied outcome, int attempts) {}

  private final ProjectTree tree;
  private final Consumer<List<Waiting>> pushed;
  private final BiConsumer<List<Waiting>, GitException> failed;
  private final List<Waiting> waiting = new ArrayList<>();
  private static final java.time.Duration LINGER = java.time.Duration.ofSeconds(1);
  private static final int BATCH = 64;
  private boolean active;
  private boolean flushing;
  private final ExecutorService thread = Executors.newSingleThreadExecutor(r -> {
    Thread t = new Thread(r, "patchflow-push");
    t.setDaemon(true);
    return t;
  });

  TagPusher(ProjectTree tree, Consumer<List<Waiting>> pushed, BiConsumer<List<Waiting>, GitException> failed) {
    this.tree = tree;
    this.pushed = pushed;
    this.failed = failed;
  }

  synchronized void submit(Waiting w) {
    waiting.add(w);
    notifyAll();
    if (!active) {
      active = true;
      thread.execute(this::pushAll);
    }
  }

  /** Pushes what is waiting at once and returns when everything submitted so far is out (or failed). */
  synchronized void flush() throws InterruptedException {
    flushing = true;
    notifyAll();
    try {
      while (active) {
        wait();
      }
    } finally {
      flushing = false;
    }
  }

  private void pushAll() {
    while (true) {
      List<Waiting> batch;
      synchronized (this) {
        // Wait a moment for more: each push costs a connection and a pack on both sides, so a
        // burst goes out in a few pushes; the wait is short beside the time a tester needs.
        long until = System.nanoTime() + LINGER.toNanos();
        long left;
        while (waiting.size() < BATCH && !flushing && (left = until - System.nanoTime()) > 0) {
          try {
            wait(Math.max(1, left / 1_000_000));
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            break;
          }
        }
        if (waiting.isEmpty()) {
          active = false;
          notifyAll();
          return;
        }
        batch = new ArrayList<>(waiting);
        waiting.clear();
      }
      try {
        tree.push(batch.stream().map(w -> w.outcome().tag()).toList());
        pushed.accept(batch);
      } catch (GitException e) {
        failed.accept(batch, e);
      } catch (RuntimeException e) {
        failed.accept(batch, new GitException(List.of("git", "push"), -1, e.toString()));
      }
    }
  }
}
