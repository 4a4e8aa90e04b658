package dev.patchflow.bench;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs the benchmarks named on the command line (all of them when none is named). Figures go
 * to stdout, notes to stderr; the exit status is non-zero when a benchmark found something
 * wrong (a figure printed by a broken run would be worse than no figure).
 */
public final class BenchMain {
  /** A benchmark: prints its figures, returns false when it found a failure. */
  interface Benchmark {
    boolean run(Figures figures, Path dataDir) throws Exception;
  }

  private static final Map<String, Benchmark> BENCHMARKS = new LinkedHashMap<>();

  static {
    BENCHMARKS.put("intake", (figures, dataDir) -> new IntakeBench(dataDir).run(figures));
    BENCHMARKS.put("api", (figures, dataDir) -> new ApiBench(dataDir).run(figures));
    BENCHMARKS.put("apply", (figures, dataDir) -> new ApplyBench(dataDir).run(figures));
    BENCHMARKS.put("claim", (figures, dataDir) -> new ClaimBench(dataDir).run(figures));
    // nothing to cache: its setup (200 small series, two repositories) takes seconds
    BENCHMARKS.put("ci", (figures, dataDir) -> new CiBench().run(figures));
    BENCHMARKS.put("scan", (figures, dataDir) -> new ScanBench(dataDir).run(figures));
  }

  private BenchMain() {}

  public static void main(String[] args) {
    Figures figures = new Figures(System.out);
    // Libraries that print to System.out (or a logger set up on it) must not mix with figures.
    System.setOut(new PrintStream(System.err, true));
    Path dataDir = Path.of(System.getProperty("patchflow.bench.data", "target/bench-data"));
    List<String> names = args.length == 0 ? List.copyOf(BENCHMARKS.keySet()) : List.of(args);
    for (String name : names) {
      if (!BENCHMARKS.containsKey(name)) {
        System.err.println("bench: unknown benchmark " + name + " (known: " + String.join(", ", BENCHMARKS.keySet()) + ")");
        System.exit(2);
      }
    }
    boolean ok = true;
    for (String name : names) {
      try {
        ok &= BENCHMARKS.get(name).run(figures, dataDir);
      } catch (Exception e) {
        System.err.println("bench: " + name + " failed:");
        e.printStackTrace();
        ok = false;
      }
    }
    System.exit(ok ? 0 : 1);
  }
}
