package dev.patchflow.bench;

import dev.patchflow.config.DatabaseConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;

/**
 * The intake benchmark: how fast mail comes in, on the generated corpus of real format-patch
 * output. Parse alone, then full imports into embedded H2 and (when one is at hand) PostgreSQL.
 */
final class IntakeBench {
  private final Path dataDir;

  IntakeBench(Path dataDir) {
    this.dataDir = dataDir;
  }

  boolean run(Figures figures) throws IOException, InterruptedException {
    figures.add("intake.cores", Runtime.getRuntime().availableProcessors(), "cores");
    IntakeCorpus.Corpus corpus = IntakeCorpus.ensure(dataDir, CorpusSpec.INTAKE);
    System.err.println("bench: corpus: " + corpus.stats().describe() + ", "
        + String.format(java.util.Locale.ROOT, "%.1f MiB", Files.size(corpus.mbox()) / 1048576.0));

    parse(corpus, figures);
    ImportBench imports = new ImportBench(corpus);
    boolean ok = h2(imports, figures);
    ok &= pg(imports, figures);
    return ok;
  }

  private static void parse(IntakeCorpus.Corpus corpus, Figures figures) throws IOException {
    ParseBench.parse(corpus.mbox()); // warm-up: class loading and JIT, not measured
    ParseBench.Pass read = ParseBench.read(corpus.mbox());
    ParseBench.Pass parsed = ParseBench.parse(corpus.mbox());
    if (parsed.failures() > 0) {
      System.err.println("bench: WARNING: " + parsed.failures() + " of " + parsed.messages() + " messages did not parse");
    }
    figures.add("intake.read.msg_per_s", read.perSecond(), "msg/s");
    figures.add("intake.parse.msg_per_s", parsed.perSecond(), "msg/s");
  }

  /** Full imports per database: this machine's speed drifts run to run, so the median of these. */
  private static final int RUNS = Integer.getInteger("patchflow.bench.runs", 3);

  private static boolean h2(ImportBench imports, Figures figures) throws IOException {
    double[] rates = new double[RUNS];
    for (int i = 0; i < RUNS; i++) {
      Path home = Files.createTempDirectory("patchflow-bench-h2");
      try {
        rates[i] = i == 0 ? imports.run("intake.h2", DatabaseConfig.EMBEDDED, home, figures)
            : imports.rate("intake.h2", DatabaseConfig.EMBEDDED, home);
      } finally {
        Dirs.deleteTree(home);
      }
    }
    return rates("intake.h2", rates, figures);
  }

  /** The median rate, and the spread it came from. */
  private static boolean rates(String prefix, double[] rates, Figures figures) {
    double[] sorted = rates.clone();
    java.util.Arrays.sort(sorted);
    if (Double.isNaN(sorted[sorted.length - 1])) {
      return false;
    }
    figures.add(prefix + ".msg_per_s", sorted[sorted.length / 2], "msg/s");
    figures.add(prefix + ".msg_per_s_min", sorted[0], "msg/s");
    figures.add(prefix + ".msg_per_s_max", sorted[sorted.length - 1], "msg/s");
    return true;
  }

  private static boolean pg(ImportBench imports, Figures figures) throws IOException {
    String url = System.getenv("PATCHFLOW_BENCH_PG_URL");
    if (url == null || url.isBlank()) {
      System.err.println("bench: note: PATCHFLOW_BENCH_PG_URL is not set and no local PostgreSQL was set up: "
          + "skipping intake.pg");
      return true;
    }
    PgScratchDatabase scratch;
    try {
      scratch = PgScratchDatabase.create(url, System.getenv("PATCHFLOW_BENCH_PG_USER"), System.getenv("PATCHFLOW_BENCH_PG_PASSWORD"));
    } catch (SQLException | IllegalArgumentException e) {
      System.err.println("bench: note: cannot make a scratch database at " + url + ": " + e.getMessage() + "; skipping intake.pg");
      return true;
    }
    double[] rates = new double[RUNS];
    for (int i = 0; i < RUNS; i++) {
      if (i > 0) {
        try {
          scratch = PgScratchDatabase.create(url, System.getenv("PATCHFLOW_BENCH_PG_USER"),
              System.getenv("PATCHFLOW_BENCH_PG_PASSWORD"));
        } catch (SQLException e) {
          throw new IOException("cannot make another scratch database: " + e.getMessage(), e);
        }
      }
      Path home = Files.createTempDirectory("patchflow-bench-pg");
      try (PgScratchDatabase db = scratch) {
        System.err.println("bench: PostgreSQL scratch database " + db.name());
        rates[i] = i == 0 ? imports.run("intake.pg", db.config(), home, figures) : imports.rate("intake.pg", db.config(), home);
      } finally {
        Dirs.deleteTree(home);
      }
    }
    return rates("intake.pg", rates, figures);
  }
}
