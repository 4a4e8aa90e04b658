package dev.patchflow.bench;

import dev.patchflow.config.DatabaseConfig;
import dev.patchflow.config.IntakeConfig;
import dev.patchflow.intake.ImportSummary;
import dev.patchflow.intake.Importer;
import dev.patchflow.intake.MailSources;
import dev.patchflow.intake.ProjectRouter;
import dev.patchflow.store.Database;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;

/**
 * A full import (parse, route, store, thread) of the corpus into an empty database, then the
 * same mbox again, which must store nothing: the idempotence the import promises, timed.
 */
final class ImportBench {
  private static final int BATCH_SIZE = 500; // the configured default

  /** One importAll call, timed from outside, with the threading phase split off. */
  private record Run(ImportSummary summary, double seconds, double threadingSeconds) {}

  private final IntakeCorpus.Corpus corpus;

  ImportBench(IntakeCorpus.Corpus corpus) {
    this.corpus = corpus;
  }

  /**
   * Prints the {@code prefix.*} figures but the rate, which it returns (the caller takes the
   * median over several runs); NaN when the re-import stored anything.
   */
  double run(String prefix, DatabaseConfig config, Path home, Figures figures) throws IOException {
    try (Database db = Database.open(config, home)) {
      Run first = importOnce(db);
      ImportSummary s = first.summary();
      System.err.println("bench: " + prefix + " import: " + s.describe());
      figures.add(prefix + ".store_s", first.seconds() - first.threadingSeconds(), "s");
      figures.add(prefix + ".thread_s", first.threadingSeconds(), "s");
      figures.add(prefix + ".series_created", s.series().created(), "series");
      figures.add(prefix + ".messages", s.stored(), "msg");
      sanity(prefix, s);

      Run second = importOnce(db);
      System.err.println("bench: " + prefix + " re-import: " + second.summary().describe());
      if (second.summary().stored() != 0) {
        System.err.println("bench: FAILED: " + prefix + " re-import of the same mbox stored "
            + second.summary().stored() + " new messages; it must store none");
        return Double.NaN;
      }
      figures.add(prefix + ".reimport_s", second.seconds(), "s");
      return s.read() / first.seconds();
    }
  }

  /** One more full import into an empty database: its rate, for the median. */
  double rate(String prefix, DatabaseConfig config, Path home) throws IOException {
    try (Database db = Database.open(config, home)) {
      Run run = importOnce(db);
      System.err.println("bench: " + prefix + " import (again): " + run.summary().describe());
      return run.summary().read() / run.seconds();
    }
  }

  private Run importOnce(Database db) throws IOException {
    // A new Importer each time: its counters add up over calls, and each run reports its own.
    Importer importer = new Importer(db, new ProjectRouter(List.of(), IntakeConfig.Unmatched.AUTO), BATCH_SIZE,
        Clock.systemUTC());
    ThreadingClock clock = new ThreadingClock();
    long t0 = System.nanoTime();
    ImportSummary summary = importer.importAll(MailSources.open(List.of(corpus.mbox())), clock);
    long t1 = System.nanoTime();
    double threading = clock.threadingStarted() == 0 ? 0 : (t1 - clock.threadingStarted()) / 1e9;
    return new Run(summary, (t1 - t0) / 1e9, threading);
  }

  /** Differences from what the generator made are worth a look, though not fatal to the figure. */
  private void sanity(String prefix, ImportSummary s) {
    CorpusStats made = corpus.stats();
    if (s.read() != made.messages() || s.stored() != made.messages()) {
      System.err.printf("bench: WARNING: %s read %d and stored %d of %d messages%n", prefix, s.read(), s.stored(), made.messages());
    }
    if (s.quarantined() > 0) {
      System.err.printf("bench: WARNING: %s quarantined %d messages (./patchflow import --quarantine shows why)%n",
          prefix, s.quarantined());
    }
    if (s.series().created() != made.versions()) {
      System.err.printf("bench: note: %s created %d series; the corpus has %d series versions (%d series)%n",
          prefix, s.series().created(), made.versions(), made.series());
    }
  }
}
