package dev.patchflow.bench;

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
 * The scan benchmark: one month (March 2025, about 8,300 commits) of a 100,000-commit
 * repository, scanned for backport candidates by {@code patchflow backport scan} run as a
 * process (as a user runs it: JVM start included) and by {@link CandidateFinder} in this JVM,
 * against {@code git log --grep=Fixes: --grep=CVE- -i --format=%H} over the same window, in the
 * same run. Each is run in turns, best of {@code patchflow.bench.scan.rounds} (default 5).
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
    ScanWindow window = ScanWindow.month(MONTH);
    List<String> gitLog = new ArrayList<>(List.of("log", "--grep=Fixes:", "--grep=CVE-", "-i", "--format=%H"));
    gitLog.addAll(window.gitArgs());
    gitLog.add("master");
    List<String> cli = List.of(java(), "-jar", jar(), "backport", "scan", "--upstream", corpus.repo.toString(),
        "--rev", "master", "--month", MONTH.toString(), "--cve-dir", corpus.vulns.toString(), "--skip-review");
    CveRecords records = CveRecords.open(corpus.vulns);
    CandidateFinder finder = new CandidateFinder(new dev.patchflow.git.Git(corpus.repo), records);
    CandidateFinder.Request request = new CandidateFinder.Request(window, "master", List.of(), 0);
    CandidateFinder.Request withLine = new CandidateFinder.Request(window, "master", List.of(KernelLine.of("6.1")), 0);

    finder.find(request);  // warm-up: JIT and the page cache
    double git = Double.MAX_VALUE;
    double process = Double.MAX_VALUE;
    double inProcess = Double.MAX_VALUE;
    double line = Double.MAX_VALUE;
    int matches = 0;
    CandidateFinder.Result result = null;
    String printed = "";
    for (int round = 1; round <= ROUNDS; round++) {
      long t0 = System.nanoTime();
      String out = new Git(corpus.repo).run(Map.of(), gitLog.toArray(new String[0]));
      git = Math.min(git, ms(t0));
      matches = (int) out.lines().count();
      t0 = System.nanoTime();
      printed = exec(cli);
      process = Math.min(process, ms(t0));
      t0 = System.nanoTime();
      result = finder.find(request);
      inProcess = Math.min(inProcess, ms(t0));
      t0 = System.nanoTime();
      finder.find(withLine);
      line = Math.min(line, ms(t0));
    }
    String head = printed.lines().findFirst().orElse("");
    System.err.println("bench: scan: " + head);
    if (!head.startsWith(result.candidates().size() + " candidates in " + result.scanned() + " commits")) {
      System.err.println("bench: scan: the command and the service disagree");
      return false;
    }
    long byRecord = result.candidates().stream().filter(c -> c.reasons().contains(dev.patchflow.backport.Candidate.Reason.CVE_RECORD)).count();
    figures.add("scan.commits", result.scanned(), "commits");
    figures.add("scan.candidates", result.candidates().size(), "commits");
    figures.add("scan.candidates_by_cve_record", byRecord, "commits");
    figures.add("scan.git_log_matches", matches, "commits");
    figures.add("scan.git_log_ms", git, "ms");
    figures.add("scan.patchflow_ms", process, "ms");
    figures.add("scan.patchflow_in_process_ms", inProcess, "ms");
    figures.add("scan.patchflow_with_6.1_line_ms", line, "ms");
    figures.add("scan.ratio_vs_git_log", process / git, "x");
    figures.add("scan.ratio_in_process_vs_git_log", inProcess / git, "x");
    return true;
  }

  private static double ms(long t0) {
    return (System.nanoTime() - t0) / 1e6;
  }

  private static String exec(List<String> command) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
    p.getOutputStream().close();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (p.waitFor() != 0) {
      throw new IOException(String.join(" ", command) + " exited with " + p.exitValue());
    }
    return out;
  }

  private static String java() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
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
