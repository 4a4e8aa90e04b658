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

  private static boolean h2(ImportBench imports, Figures figures) throws IOException {
    Path home = Files.createTempDirectory("patchflow-bench-h2");
    try {
      return imports.run("intake.h2", DatabaseConfig.EMBEDDED, home, figures);
    } finally {
      Dirs.deleteTree(home);
    }
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
    Path home = Files.createTempDirectory("patchflow-bench-pg");
    try (scratch) {
      System.err.println("bench: PostgreSQL scratch database " + scratch.name());
      return imports.run("intake.pg", scratch.config(), home, figures);
    } finally {
      Dirs.deleteTree(home);
    }
  }
}
