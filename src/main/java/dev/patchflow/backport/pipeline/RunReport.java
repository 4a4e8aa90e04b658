package dev.patchflow.backport.pipeline;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.patchflow.backport.CveReview;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * A run's results as people and programs read them (pure): a table with one row per candidate
 * and line (status, patch file, build log, test log, pull request) and its reason below, and
 * JSON lines with the same facts.
 */
public final class RunReport {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String[] HEAD = {"KERNEL", "COMMIT", "STATUS", "PATCH_FILE", "BUILD_LOG", "TEST_LOG", "PR_URL"};

  private RunReport() {}

  public static String table(BackportPipeline.RunResult run) {
    if (run.blocked().isPresent()) {
      return "not run: " + run.blocked().get() + "\n";
    }
    List<String[]> rows = new ArrayList<>();
    rows.add(HEAD);
    for (CandidateResult r : run.results()) {
      Outcome.Artifacts a = r.outcome().artifacts();
      rows.add(new String[] {r.kernel(), r.sha12(), r.outcome().status(), name(a.patchFile()), logs(a.buildLogs()),
          name(a.testLog()), a.prUrl() == null ? "-" : a.prUrl()});
    }
    int[] width = new int[HEAD.length];
    for (String[] row : rows) {
      for (int i = 0; i < row.length; i++) {
        width[i] = Math.max(width[i], row[i].length());
      }
    }
    StringBuilder out = new StringBuilder();
    out.append(String.format(Locale.ROOT, "%d results from %d upstream commits%n", run.results().size(), run.scanned()));
    for (int k = 0; k < rows.size(); k++) {
      String[] row = rows.get(k);
      StringBuilder line = new StringBuilder();
      for (int i = 0; i < row.length; i++) {
        line.append(i == row.length - 1 ? row[i] : String.format(Locale.ROOT, "%-" + width[i] + "s  ", row[i]));
      }
      out.append(line.toString().stripTrailing()).append('\n');
      if (k > 0) {
        CandidateResult r = run.results().get(k - 1);
        out.append("    ").append(r.candidate().subject()).append(" - ").append(r.outcome().reason()).append('\n');
        run.review().ifPresent(records -> out.append("    review: ")
            .append(String.join("; ", CveReview.lines(r.candidate(), records))).append('\n'));
      }
    }
    // the line run-now sums over the kernel lines of a run (see InstallScripts)
    out.append("backport-counts: ").append(summary(run.results())).append('\n');
    return out.toString();
  }

  /** "success=2 already_integrated=1 ...", statuses in the order first met. */
  public static String summary(List<CandidateResult> results) {
    return counts(results).entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
        .collect(Collectors.joining(" "));
  }

  /** Results per status, statuses in the order first met. */
  public static java.util.Map<String, Integer> counts(List<CandidateResult> results) {
    java.util.Map<String, Integer> n = new java.util.LinkedHashMap<>();
    results.forEach(r -> n.merge(r.outcome().status(), 1, Integer::sum));
    return n;
  }

  /** One JSON object a line per result. */
  public static String jsonLines(BackportPipeline.RunResult run) {
    StringBuilder out = new StringBuilder();
    for (CandidateResult r : run.results()) {
      ObjectNode o = JSON.createObjectNode();
      o.put("kernel", r.kernel());
      o.put("sha", r.candidate().sha().sha());
      o.put("subject", r.candidate().subject());
      o.put("status", r.outcome().status());
      o.put("reason", r.outcome().reason());
      o.put("route", r.route());
      r.specs().forEach(o.putArray("specs")::add);
      r.patchNumbers().forEach(o.putArray("patch_numbers")::add);
      r.candidate().cves().forEach(o.putArray("cves")::add);
      Outcome.Artifacts a = r.outcome().artifacts();
      o.put("patch_file", a.patchFile() == null ? null : a.patchFile().toString());
      a.buildLogs().forEach(p -> o.withArray("build_logs").add(p.toString()));
      o.put("test_log", a.testLog() == null ? null : a.testLog().toString());
      o.put("pr_url", a.prUrl());
      run.review().ifPresent(records -> CveReview.lines(r.candidate(), records).forEach(o.putArray("review")::add));
      out.append(o).append('\n');
    }
    return out.toString();
  }

  private static String name(Path p) {
    return p == null ? "-" : p.toString();
  }

  private static String logs(List<Path> logs) {
    return logs.isEmpty() ? "-" : logs.stream().map(Path::toString).collect(Collectors.joining(","));
  }
}
