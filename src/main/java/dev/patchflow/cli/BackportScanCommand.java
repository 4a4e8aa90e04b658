package dev.patchflow.cli;

import dev.patchflow.backport.CandidateFinder;
import dev.patchflow.backport.CveRecords;
import dev.patchflow.backport.KernelLine;
import dev.patchflow.backport.KernelVersion;
import dev.patchflow.backport.ScanReport;
import dev.patchflow.backport.ScanWindow;
import dev.patchflow.git.Git;
import dev.patchflow.git.GitException;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "scan", mixinStandardHelpOptions = true,
    description = {"Find upstream fixes in a window of history (Fixes:, CVE ids, Cc: stable, and commits the kernel",
        "CVE records name) and decide for each kernel line whether it needs them: the Fixes: target in its base",
        "release, the fix not yet on its stable branch nor in its spec's patch files."})
final class BackportScanCommand implements Callable<Integer> {
  @Mixin Environment env;
  @Spec CommandSpec spec;

  @Option(names = "--upstream", required = true, paramLabel = "PATH", description = "The upstream git repository (e.g. a linux.git clone).")
  Path upstream;

  @Option(names = "--rev", paramLabel = "REV", defaultValue = "HEAD", description = "Where upstream history starts (default ${DEFAULT-VALUE}).")
  String rev;

  @ArgGroup(exclusive = true, multiplicity = "1")
  Window window;

  static final class Window {
    @Option(names = "--month", paramLabel = "YYYY-MM", description = "The commits of one month (UTC, commit dates).")
    String month;

    @ArgGroup(exclusive = false)
    Days days;
  }

  static final class Days {
    @Option(names = "--since", required = true, paramLabel = "YYYY-MM-DD", description = "First day (included).")
    String since;

    @Option(names = "--until", required = true, paramLabel = "YYYY-MM-DD", description = "Last day (included).")
    String until;
  }

  @Option(names = "--cve-dir", paramLabel = "DIR", description = "A checkout of the kernel CVE team's vulns repository.")
  Path cveDir;

  @ArgGroup(exclusive = false, multiplicity = "0..*")
  List<Line> lines = new ArrayList<>();

  static final class Line {
    @Option(names = "--kernel", required = true, paramLabel = "X.Y", description = "A kernel line (repeat the group for more).")
    String kernel;

    @Option(names = "--base-tag", paramLabel = "TAG", description = "Its base release tag (default vX.Y).")
    String baseTag;

    @Option(names = "--stable-branch", paramLabel = "BRANCH", description = "Its stable branch in the upstream repository.")
    String stableBranch;

    @Option(names = "--spec-dir", paramLabel = "DIR", description = "The folder of its spec files and patch files.")
    Path specDir;

    @Option(names = "--stable-version", paramLabel = "X.Y.Z", description = "The stable release shipped (default: the specs' Version).")
    String stableVersion;
  }

  @Option(names = "--skip-review", description = "Leave out each candidate's CVE record (score, severity).")
  boolean skipReview;

  @Option(names = "--limit", paramLabel = "N", defaultValue = "0", description = "Keep at most N candidates (0: all).")
  int limit;

  @Option(names = "--json", paramLabel = "FILE", description = "Also write one JSON object a line per candidate.")
  Path json;

  @Override
  public Integer call() throws IOException {
    PrintWriter out = spec.commandLine().getOut();
    ScanWindow w = window();
    List<KernelLine> kernelLines = new ArrayList<>();
    for (Line l : lines) {
      kernelLines.add(line(l));
    }
    if (!Files.isDirectory(upstream)) {
      throw new UserError("--upstream: no repository at " + upstream);
    }
    CveRecords records = cveDir == null ? CveRecords.none() : CveRecords.open(cveDir);
    CandidateFinder.Result result;
    try {
      result = new CandidateFinder(new Git(upstream), records).find(new CandidateFinder.Request(w, rev, kernelLines, limit));
    } catch (GitException e) {
      throw new UserError(e.getMessage());
    } catch (IllegalArgumentException e) {
      throw new UserError(e.getMessage());
    }
    out.print(ScanReport.table(result, !skipReview));
    out.flush();
    if (json != null) {
      Files.writeString(json, ScanReport.jsonLines(result, !skipReview), StandardCharsets.UTF_8);
    }
    return 0;
  }

  private ScanWindow window() {
    try {
      if (window.month != null) {
        return ScanWindow.month(YearMonth.parse(window.month));
      }
      return ScanWindow.days(LocalDate.parse(window.days.since), LocalDate.parse(window.days.until));
    } catch (DateTimeParseException | IllegalArgumentException e) {
      throw new UserError("window: " + e.getMessage());
    }
  }

  private static KernelLine line(Line l) {
    try {
      KernelVersion v = KernelVersion.parse(l.kernel);
      return new KernelLine(v, l.baseTag != null ? l.baseTag : "v" + v, Optional.ofNullable(l.stableBranch),
          Optional.ofNullable(l.specDir), Optional.ofNullable(l.stableVersion).map(KernelVersion::parse));
    } catch (IllegalArgumentException e) {
      throw new UserError("--kernel " + l.kernel + ": " + e.getMessage());
    }
  }
}
