package dev.patchflow.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Makes the intake corpus: plans the series, commits them all into a scratch repository with
 * one fast-import, formats each series with git format-patch (on every core; that is most of
 * the time), adds review replies, and writes the lot as one mbox in date order.
 */
final class MboxGenerator {
  private static final int DEVELOPERS = 40;

  CorpusStats generate(CorpusSpec spec, Path out) throws IOException, InterruptedException {
    Random rnd = new Random(spec.seed());
    People people = new People(rnd, DEVELOPERS);
    SourceTree tree = new SourceTree(rnd);
    List<SeriesPlan> plans = new SeriesPlanner(rnd, people, tree.subsystems().size()).plan(spec.messages(), spec.start());
    Path work = Files.createTempDirectory("patchflow-bench-repo");
    ExecutorService pool = Executors.newFixedThreadPool(Runtime.getRuntime().availableProcessors());
    try {
      Git git = Git.init(work);
      long t0 = System.nanoTime();
      int commits = new RepoBuilder(tree, new PatchMaker(people)).build(git, plans, spec.start().minus(Duration.ofDays(30)));
      System.err.printf("bench: %d commits on %d branches made in %.1f s%n", commits,
          plans.stream().mapToInt(SeriesPlan::versions).sum(), (System.nanoTime() - t0) / 1e9);

      FormatPatch formatter = new FormatPatch(git, tree, spec);
      List<Future<List<List<PatchMail>>>> jobs = new ArrayList<>();
      for (SeriesPlan p : plans) {
        jobs.add(pool.submit(() -> formatter.format(p)));
      }
      ReplyWriter replyWriter = new ReplyWriter(spec);
      long replies = 0;
      MboxWriter mbox = new MboxWriter(out);
      try (mbox) {
        for (int i = 0; i < plans.size(); i++) {
          SeriesPlan plan = plans.get(i);
          List<List<PatchMail>> versions = result(jobs.get(i));
          mbox.flushBefore(plan.sent()); // nothing still to come is older than this series
          replies += addSeries(mbox, replyWriter, people, plan, versions);
          if ((i + 1) % 250 == 0) {
            System.err.printf("bench: formatted %d of %d series%n", i + 1, plans.size());
          }
        }
      }
      long written = mbox.written(); // counted as the mails left the queue, on close
      if (written != spec.messages()) {
        throw new IllegalStateException("generated " + written + " messages, planned " + spec.messages());
      }
      long versions = plans.stream().mapToLong(SeriesPlan::versions).sum();
      return new CorpusStats(written, plans.size(), versions, replies, commits);
    } finally {
      pool.shutdownNow();
      Dirs.deleteTree(work);
    }
  }

  /** The series' mails and its replies; returns the number of replies. */
  private static int addSeries(MboxWriter mbox, ReplyWriter replyWriter, People people, SeriesPlan plan,
      List<List<PatchMail>> versions) {
    Random rnd = new Random(plan.seed() + 2);
    int replies = 0;
    for (int v = 0; v < versions.size(); v++) {
      List<PatchMail> mails = versions.get(v);
      mails.forEach(mbox::add);
      for (int target : plan.replies().get(v)) {
        PatchMail t = mails.get(target);
        Instant when = t.date().plus(Duration.ofMinutes(10 + rnd.nextInt(72 * 60)));
        mbox.add(replyWriter.reply(t, people.other(rnd, plan.author()), plan.author(), when, rnd));
        replies++;
      }
    }
    return replies;
  }

  private static <T> T result(Future<T> f) throws IOException, InterruptedException {
    try {
      return f.get();
    } catch (ExecutionException e) {
      if (e.getCause() instanceof IOException io) {
        throw io;
      }
      throw new IllegalStateException(e.getCause());
    }
  }
}
