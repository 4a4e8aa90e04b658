package dev.patchflow.web;

import dev.patchflow.api.ApiException;
import dev.patchflow.backport.RunLogFiles;
import dev.patchflow.backport.RunSummary;
import dev.patchflow.backport.history.Run;
import dev.patchflow.backport.history.RunHistory;
import dev.patchflow.backport.history.RunRecord;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/** The backport status pages: the last runs, one run's results, and a run's files as text. */
final class BackportPages {
  static final int RUNS = 50;
  static final int SUMMARIES = 20;
  /** Files are shown up to their last MiB: a build log's end is where it failed. */
  static final int FILE_CAP = 1 << 20;

  private final RunHistory history;
  private final RunLogFiles logFiles;

  BackportPages(Path logDir) {
    this.history = new RunHistory(logDir);
    this.logFiles = new RunLogFiles(logDir);
  }

  List<Views.BackportRunItem> runs() {
    return history.runs(RUNS).stream().map(r -> new Views.BackportRunItem(r.id(), WebUi.DATE.format(r.start()),
        String.join(" ", r.kernels()), counts(r), note(r))).toList();
  }

  /** The last lines of summary.log, newest first. */
  List<Views.BackportSummary> summaries() {
    List<RunSummary> lines;
    try {
      lines = new ArrayList<>(logFiles.lastSummaries(SUMMARIES));
    } catch (IOException e) {
      return List.of(new Views.BackportSummary("", "", "", "failed", "cannot read " + RunLogFiles.SUMMARY + ": " + e.getMessage()));
    }
    java.util.Collections.reverse(lines);
    return lines.stream().map(s -> {
      String at = WebUi.DATE.format(s.at());
      String href = RunLogFiles.runFolderOf(s.runId()).filter(f -> history.run(f).isPresent())
          .map(f -> "/backport/runs/" + f + "/").orElse("");
      if (s instanceof RunSummary.Completed c) {
        return new Views.BackportSummary(at, s.runId(), href, "completed", c.counts().entrySet().stream()
            .map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(" ")));
      }
      if (s instanceof RunSummary.Skipped k) {
        return new Views.BackportSummary(at, s.runId(), href, "skipped", k.reason());
      }
      return new Views.BackportSummary(at, s.runId(), href, "failed", ((RunSummary.Failed) s).reason());
    }).toList();
  }

  Views.BackportRun run(String id) {
    Run r = history.run(id).orElseThrow(() -> new ApiException(404, "No such backport run."));
    List<Views.BackportRow> rows = new ArrayList<>();
    for (RunRecord x : r.records()) {
      rows.add(new Views.BackportRow(x.kernel(), x.sha12(), x.sha(), x.subject(), x.status(), css(x.status()),
          x.reason(), specs(x), x.cves(), x.prUrl() == null ? "" : x.prUrl(), x.prLink(),
          history.logs(r.id(), x).stream().map(f -> link(r.id(), f)).toList()));
    }
    List<String> problems = r.badLines().stream()
        .map(b -> RunLogFiles.RESULTS + (b.number() > 0 ? " line " + b.number() : "") + ": " + b.problem()).toList();
    return new Views.BackportRun(r.id(), WebUi.DATE.format(r.start()), note(r), counts(r), rows, problems,
        history.runFiles(r.id()).stream().map(f -> link(r.id(), f)).toList());
  }

  /** A file of a run as text; the note first when only its end fits. */
  String file(String id, String path) {
    RunHistory.Text t = history.read(id, path, FILE_CAP).orElseThrow(() -> new ApiException(404, "No such file."));
    return t.truncated() ? "[truncated: this file is " + t.size() + " bytes; only its last " + FILE_CAP
        + " bytes are shown]\n\n" + t.text() : t.text();
  }

  private static List<Views.StatusCount> counts(Run r) {
    return r.counts().entrySet().stream().map(e -> new Views.StatusCount(e.getKey(), css(e.getKey()), e.getValue()))
        .toList();
  }

  private static String note(Run r) {
    if (r.resultsMissing()) {
      return "no " + RunLogFiles.RESULTS + " yet: the run is still going, or it was blocked or stopped (see backport.log)";
    }
    if (!r.badLines().isEmpty()) {
      return r.badLines().size() + " line(s) of " + RunLogFiles.RESULTS + " could not be read";
    }
    return r.records().isEmpty() ? "no candidates" : "";
  }

  /** Statuses are any string in the file; only a plain word becomes a CSS class. */
  static String css(String status) {
    return status.matches("[a-z0-9_-]{1,40}") ? status : "other";
  }

  /** "linux.spec: Patch512" when the numbers line up with the specs, else just the specs. */
  private static List<String> specs(RunRecord r) {
    if (r.patchNumbers().size() != r.specs().size()) {
      return r.specs();
    }
    List<String> out = new ArrayList<>();
    for (int i = 0; i < r.specs().size(); i++) {
      out.add(r.specs().get(i) + ": Patch" + r.patchNumbers().get(i));
    }
    return out;
  }

  private static Views.FileLink link(String id, String relative) {
    String href = "/backport/runs/" + encode(id) + "/files/"
        + Arrays.stream(relative.split("/")).map(BackportPages::encode).collect(Collectors.joining("/"));
    return new Views.FileLink(relative.substring(relative.lastIndexOf('/') + 1), href);
  }

  private static String encode(String segment) {
    return URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20");
  }
}
