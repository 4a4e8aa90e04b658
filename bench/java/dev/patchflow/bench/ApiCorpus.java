package dev.patchflow.bench;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.Locale;
import java.util.Properties;

/**
 * The api benchmark's seed mail: a large list archive of synthetic patch mail, generated once
 * and kept under the data directory like the intake corpus. The file name carries
 * {@link #VERSION} and the spec's key: bump VERSION whenever the generator would write
 * something different.
 */
final class ApiCorpus {
  static final String VERSION = "api-v1";

  /**
   * What the corpus is.
   *
   * @param patches patch mails over all series (covers and replies come on top)
   * @param series series, each version counted (a v2 is a series of its own in the store)
   * @param years how long the archive spans
   */
  record Spec(int patches, int series, long seed, Instant start, int years, String listId, String listAddress) {
    static final Spec API = new Spec(100_000, 15_000, 7, Instant.parse("2022-01-03T08:00:00Z"), 3,
        "bench.lists.example.org", "bench@lists.example.org");

    String key() {
      return "p" + patches + "-s" + series + "-seed" + seed;
    }

    /** The project the importer makes of the List-Id. */
    String project() {
      return listId;
    }
  }

  /** What the generator wrote, kept beside the mbox so that the import can be checked against it. */
  record Stats(long messages, long patches, long covers, long replies, long series, long topics) {
    void save(Path file) throws IOException {
      Properties p = new Properties();
      p.setProperty("messages", Long.toString(messages));
      p.setProperty("patches", Long.toString(patches));
      p.setProperty("covers", Long.toString(covers));
      p.setProperty("replies", Long.toString(replies));
      p.setProperty("series", Long.toString(series));
      p.setProperty("topics", Long.toString(topics));
      try (Writer w = Files.newBufferedWriter(file)) {
        p.store(w, "patchflow api benchmark corpus");
      }
    }

    static Stats load(Path file) throws IOException {
      Properties p = new Properties();
      try (Reader r = Files.newBufferedReader(file)) {
        p.load(r);
      }
      return new Stats(num(p, "messages"), num(p, "patches"), num(p, "covers"), num(p, "replies"), num(p, "series"),
          num(p, "topics"));
    }

    private static long num(Properties p, String key) throws IOException {
      String v = p.getProperty(key);
      if (v == null) {
        throw new IOException("api corpus stats lack " + key);
      }
      return Long.parseLong(v);
    }

    String describe() {
      return String.format(Locale.ROOT, "%d messages: %d patches in %d series (%d topics, the rest later versions), "
          + "%d cover letters, %d replies", messages, patches, series, topics, covers, replies);
    }
  }

  /** The mbox and what is in it. */
  record Corpus(Path mbox, Stats stats) {}

  private ApiCorpus() {}

  static Corpus ensure(Path dataDir, Spec spec) throws IOException {
    String name = VERSION + "-" + spec.key();
    Path mbox = dataDir.resolve(name + ".mbox");
    Path stats = dataDir.resolve(name + ".properties");
    if (Files.isRegularFile(mbox) && Files.isRegularFile(stats)) {
      System.err.println("bench: using cached corpus " + mbox);
      return new Corpus(mbox, Stats.load(stats));
    }
    Files.createDirectories(dataDir);
    System.err.println("bench: generating " + mbox + " (" + spec.patches() + " patches in " + spec.series()
        + " series) ...");
    long t0 = System.nanoTime();
    Path tmp = dataDir.resolve(name + ".mbox.tmp");
    Stats made = new ApiMboxGenerator(spec).generate(tmp);
    // Stats first, then the mbox, moved into place last: a half-made corpus is never reused.
    made.save(stats);
    Files.move(tmp, mbox, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    System.err.printf("bench: corpus generated in %.1f s: %s, %.1f MiB%n", (System.nanoTime() - t0) / 1e9,
        made.describe(), Files.size(mbox) / 1048576.0);
    return new Corpus(mbox, made);
  }
}
