package dev.patchflow.bench;

import dev.patchflow.backport.Candidate;
import dev.patchflow.backport.CandidateFinder;
import dev.patchflow.backport.CveRecords;
import dev.patchflow.backport.KernelLine;
import dev.patchflow.backport.ScanWindow;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The scan benchmark: one month (March 2025, about 8,500 commits) of a 100,000-commit
 * repository. {@code patchflow backport --dry-run --month 2025-03} (the whole pipeline's plan for
 * one kernel line, as a process through the {@code patchflow} launcher: JVM start included) and
 * {@link CandidateFinder} in this JVM, against {@code git log --grep=Fixes: --grep=CVE- -i
 * --format=%H} over the same window, in the same run. Each is run in turns, best of
 * {@code patchflow.bench.scan.rounds} (default 5).
 */
final class ScanBench {
  private static final int ROUNDS = Integer.getInteger("patchflow.bench.scan.rounds", 5);
  private static final YearMonth MONTH = YearMonth.of(2025, 3);

  private final Path dataDir;

  ScanBench(Path dataDir) {
    this.dataDir = dataDir;
  }

  boolean run(Figures figures) throws Exception {
    ScanCorpus corpus = ScanCorpus.get(dataDir);
    ScanPipelineSetup setup = ScanPipelineSetup.make(corpus);
    try {
      return run(figures, corpus, setup);
    } finally {
      Dirs.deleteTree(setup.dir);
    }
  }

  private boolean run(Figures figures, ScanCorpus corpus, ScanPipelineSetup setup) throws Exception {
    ScanWindow window = ScanWindow.month(MONTH);
    List<String> gitLog = new ArrayList<>(List.of("log", "--grep=Fixes:", "--grep=CVE-", "-i", "--format=%H"));
    gitLog.addAll(window.gitArgs());
    gitLog.add("master");
    List<String> dryRun = List.of("backport", "--config", setup.config.toString(), "--dry-run", "--month", MONTH.toString());
    List<String> scan = List.of("backport", "scan", "--upstream", corpus.repo.toString(), "--rev", "master", "--month",
        MONTH.toString(), "--cve-dir", corpus.vulns.toString(), "--skip-review");
    CveRecords records = CveRecords.open(corpus.vulns);
    CandidateFinder finder = new CandidateFinder(new dev.patchflow.git.Git(corpus.repo), records);
    CandidateFinder.Request request = new CandidateFinder.Request(window, "master", List.of(), 0);
    CandidateFinder.Request withLine = new CandidateFinder.Request(window, "master", List.of(KernelLine.of("6.1")), 0);

    finder.find(request);  // warm-up: JIT and the page cache
    Best git = new Best();
    Best process = new Best();
    Best plain = new Best();
    Best scanCommand = new Best();
    Best floor = new Best();
    Best inProcess = new Best();
    Best line = new Best();
    int matches = 0;
    CandidateFinder.Result result = null;
    String planned = "";
    for (int round = 1; round <= ROUNDS; round++) {
      long t0 = System.nanoTime();
      String out = new Git(corpus.repo).run(Map.of(), gitLog.toArray(new String[0]));
      git.add(t0);
      matches = (int) out.lines().count();
      t0 = System.nanoTime();
      planned = exec(launcher(dryRun));
      process.add(t0);
      t0 = System.nanoTime();
      exec(plainJava(dryRun));
      plain.add(t0);
      t0 = System.nanoTime();
      exec(launcher(scan));
      scanCommand.add(t0);
      t0 = System.nanoTime();
      exec(launcher(List.of("--version")));
      floor.add(t0);
      t0 = System.nanoTime();
      result = finder.find(request);
      inProcess.add(t0);
      t0 = System.nanoTime();
      finder.find(withLine);
      line.add(t0);
    }
    String head = planned.lines().skip(1).findFirst().orElse("");
    long plans = planned.lines().filter(l -> l.contains("  planned")).count();
    System.err.println("bench: scan: " + head + ", " + plans + " planned");
    if (!head.equals(result.candidates().size() + " results from " + result.scanned() + " upstream commits") || plans == 0) {
      System.err.println("bench: scan: the command and the service disagree, or nothing was planned");
      return false;
    }
    long byRecord = result.candidates().stream().filter(c -> c.reasons().contains(Candidate.Reason.CVE_RECORD)).count();
    figures.add("scan.commits", result.scanned(), "commits");
    figures.add("scan.candidates", result.candidates().size(), "commits");
    figures.add("scan.candidates_by_cve_record", byRecord, "commits");
    figures.add("scan.planned", plans, "commits");
    figures.add("scan.git_log_matches", matches, "commits");
    figures.add("scan.git_log_ms", git.ms, "ms");
    figures.add("scan.patchflow_ms", process.ms, "ms");
    figures.add("scan.patchflow_first_run_ms", process.first, "ms");
    figures.add("scan.patchflow_without_cds_ms", plain.ms, "ms");
    figures.add("scan.scan_command_ms", scanCommand.ms, "ms");
    figures.add("scan.jvm_floor_ms", floor.ms, "ms");
    figures.add("scan.patchflow_in_process_ms", inProcess.ms, "ms");
    figures.add("scan.patchflow_with_6.1_line_ms", line.ms, "ms");
    figures.add("scan.ratio_vs_git_log", process.ms / git.ms, "x");
    figures.add("scan.ratio_in_process_vs_git_log", inProcess.ms / git.ms, "x");
    return true;
  }

  /** The shortest of a command's times, and its first. */
  private static final class Best {
    double ms = Double.MAX_VALUE;
    double first = -1;

    void add(long t0) {
      double t = (System.nanoTime() - t0) / 1e6;
      ms = Math.min(ms, t);
      first = first < 0 ? t : first;
    }
  }

  /** As a user runs it: the repository's launcher script, on the jar under test. */
  private static ProcessBuilder launcher(List<String> args) {
    List<String> command = new ArrayList<>(List.of(System.getProperty("patchflow.bench.launcher", "./patchflow")));
    command.addAll(args);
    ProcessBuilder pb = new ProcessBuilder(command);
    pb.environment().put("PATCHFLOW_JAR", jar());
    return pb;
  }

  /** {@code java -jar}, without the launcher (and its class-data sharing archive). */
  private static ProcessBuilder plainJava(List<String> args) {
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-jar", jar()));
    command.addAll(args);
    return new ProcessBuilder(command);
  }

  private static String exec(ProcessBuilder pb) throws IOException, InterruptedException {
    Process p = pb.redirectError(ProcessBuilder.Redirect.INHERIT).start();
    p.getOutputStream().close();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (p.waitFor() != 0) {
      throw new IOException(String.join(" ", pb.command()) + " exited with " + p.exitValue());
    }
    return out;
  }

  /** The jar this benchmark runs against (bench/run puts its copy first on the class path). */
  private static String jar() {
    for (String e : System.getProperty("java.class.path").split(java.io.File.pathSeparator)) {
      if (e.endsWith(".jar")) {
        return e;
      }
    }
    throw new IllegalStateException("no patchflow jar on the class path");
  }
}
