package dev.patchflow.cli;

import dev.patchflow.backport.ReportFile;
import dev.patchflow.backport.RoutingRules;
import dev.patchflow.backport.RunLogFiles;
import dev.patchflow.backport.RunSummary;
import dev.patchflow.backport.ScanWindow;
import dev.patchflow.backport.config.BackportConfig;
import dev.patchflow.backport.pipeline.BackportPipeline;
import dev.patchflow.backport.pipeline.BackportRun;
import dev.patchflow.backport.pipeline.CandidateResult;
import dev.patchflow.backport.pipeline.RunReport;
import dev.patchflow.git.GitException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * Kernel backports into RPM spec trees (Photon OS style). Without a subcommand it runs the whole
 * pipeline for the config's kernel lines; {@code scan} and {@code integrate} run single steps.
 */
@Command(name = "backport", mixinStandardHelpOptions = true,
    description = {"Backport upstream kernel fixes into RPM spec trees: for each kernel line of the config's backport:",
        "section, scan a month of upstream for fixes the line needs, route each to its spec files, check that it",
        "applies to the line's kernel source, commit it on backport/<sha12>, optionally rpmbuild, push and open a",
        "pull request. Prints one status per candidate and writes them as JSON lines."},
    subcommands = {BackportScanCommand.class, BackportIntegrateCommand.class, BackportSpec2gitCommand.class,
        BackportInstallCommand.class})
final class BackportCommand implements Callable<Integer> {
  /** Set by run-now: it holds the lock and writes the summary line itself. */
  static final String RUN_NOW_ID = "PATCHFLOW_BACKPORT_RUN_ID";
  /** Set by run-now: its log directory, where summary.log is and the night's run folder goes. */
  static final String RUN_NOW_LOG_DIR = "PATCHFLOW_BACKPORT_LOG_DIR";
  @Mixin Environment env;
  @Spec CommandSpec spec;

  @Option(names = "--kernel", paramLabel = "X.Y", split = ",",
      description = "Only these kernel lines (repeat or comma list; default: every line of the config).")
  List<String> kernels = new ArrayList<>();

  @Option(names = "--month", paramLabel = "YYYY-MM", description = "The month of upstream commits to scan (default: this month, UTC).")
  String month;

  @Option(names = "--since", paramLabel = "YYYY-MM-DD", description = "First day of the window (with --until; instead of --month).")
  String since;

  @Option(names = "--until", paramLabel = "YYYY-MM-DD", description = "Last day of the window, included.")
  String until;

  @Option(names = "--commit", paramLabel = "SHA", split = ",",
      description = "Exactly these upstream commits instead of a month's fixes (repeat or comma list).")
  List<String> commits = new ArrayList<>();

  @Option(names = "--commits", paramLabel = "FILE",
      description = "The upstream commits a report file lists (one id a line, # comments; or a JSON array), as watch mode reads it.")
  Path commitsFile;

  @Option(names = "--repo-url", paramLabel = "URL", description = "Clone and push this packaging repository instead (one line).")
  String repoUrl;

  @Option(names = "--branch", paramLabel = "BRANCH", description = "Use this packaging branch instead (one line).")
  String branch;

  @Option(names = "--skip-clone", description = "Reuse the clones as they are: no clone, no fetch.")
  boolean skipClone;

  @Option(names = "--skip-review", description = "Leave the CVE records' scores out of pull requests.")
  boolean skipReview;

  @Option(names = "--skip-push", description = "Stop after the commit: no push, no pull request.")
  boolean skipPush;

  @Option(names = "--enable-build", description = "rpmbuild -bb each modified spec; a failure keeps the logs and pushes nothing.")
  boolean enableBuild;

  @Option(names = "--limit", paramLabel = "N", defaultValue = "0", description = "Take at most N candidates (0: all).")
  int limit;

  @Option(names = "--dry-run", description = "Print the plan (candidates, line, route, Patch number per spec); write nothing.")
  boolean dryRun;

  @Option(names = "--json", paramLabel = "FILE", description = "Also write the results as JSON lines here (they are always in the run's log folder).")
  Path json;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    BackportConfig c = env.config().backport();
    if (c == null) {
      throw new UserError("backport: the config has no backport: section (see deploy/backport/photon.yaml)");
    }
    if ((repoUrl != null || branch != null) && kernels.size() != 1 && c.kernels().size() != 1) {
      throw new UserError("--repo-url and --branch apply to one kernel line; give --kernel X.Y once");
    }
    Clock clock = Clock.systemUTC();
    ScanWindow window = window(clock);
    BackportPipeline.Options options = new BackportPipeline.Options(window, kernels, repoUrl, branch, skipClone,
        skipReview, skipPush, enableBuild, limit, dryRun, listedCommits());
    PrintWriter err = spec.commandLine().getErr();
    BackportRun.Ended ended;
    try {
      Optional<String> partOf = Optional.ofNullable(System.getenv(RUN_NOW_ID)).filter(id -> !id.isBlank());
      // under run-now the night's logs go where its script keeps summary.log
      Path logDir = partOf.flatMap(id -> Optional.ofNullable(System.getenv(RUN_NOW_LOG_DIR))).filter(d -> !d.isBlank())
          .map(Path::of).orElse(BackportRuns.logDir(c, env.home()));
      ended = BackportRuns.of(c, env.home(), logDir, !dryRun && !skipPush, clock)
          .run(options, partOf, line -> {
            err.println(line);
            err.flush();
          });
    } catch (GitException | RoutingRules.RulesException | IllegalArgumentException | IllegalStateException e) {
      throw new UserError(e.getMessage());
    }
    // run-now reads these lines from each kernel's log to write the run's summary line
    if (ended.summary() instanceof RunSummary.Skipped s) {
      out.println("backport-skipped: " + s.reason());
      out.flush();
      return 0;
    }
    BackportPipeline.RunResult result = ended.result();
    if (result == null || result.blocked().isPresent()) {
      out.println("backport-failed: " + ((RunSummary.Failed) ended.summary()).reason());
      out.flush();
      return 0;
    }
    out.print(dryRun ? "dry run: nothing written\n" : "");
    out.print(RunReport.table(result));
    if (!dryRun) {
      Path file = ended.runDir().resolve(RunLogFiles.RESULTS);
      if (json != null) {
        Files.writeString(json, RunReport.jsonLines(result), StandardCharsets.UTF_8);
        file = json;
      }
      out.println("results: " + file);
    }
    out.flush();
    boolean broken = result.results().stream().map(CandidateResult::outcome)
        .anyMatch(o -> o instanceof dev.patchflow.backport.pipeline.Outcome.Failed);
    return broken ? 1 : 0;
  }

  /** --month, or --since and --until, or this month (UTC). */
  private ScanWindow window(Clock clock) {
    if ((since == null) != (until == null)) {
      throw new UserError("--since and --until go together");
    }
    if (since != null && month != null) {
      throw new UserError("--month and --since/--until: give one");
    }
    try {
      if (since != null) {
        return ScanWindow.days(java.time.LocalDate.parse(since), java.time.LocalDate.parse(until));
      }
      return ScanWindow.month(month == null ? YearMonth.now(clock.withZone(ZoneOffset.UTC)) : YearMonth.parse(month));
    } catch (DateTimeParseException e) {
      throw new UserError(since != null ? "--since/--until: want YYYY-MM-DD, got " + since + " and " + until
          : "--month: want YYYY-MM, got " + month);
    } catch (IllegalArgumentException e) {
      throw new UserError("--since/--until: " + e.getMessage());
    }
  }

  private List<String> listedCommits() throws java.io.IOException {
    if ((!commits.isEmpty() || commitsFile != null) && (month != null || since != null)) {
      throw new UserError("--month/--since and --commit/--commits: give one (a window's fixes, or the commits named)");
    }
    List<String> all = new ArrayList<>();
    for (String c : commits) {
      if (!c.strip().matches("[0-9a-fA-F]{7,40}")) {
        throw new UserError("--commit: not a commit id: '" + c + "'");
      }
      all.add(c.strip().toLowerCase(java.util.Locale.ROOT));
    }
    if (commitsFile != null) {
      if (!Files.isRegularFile(commitsFile)) {
        throw new UserError("--commits: no file at " + commitsFile);
      }
      try {
        all.addAll(ReportFile.parse(commitsFile.toString(), Files.readString(commitsFile, StandardCharsets.UTF_8)));
      } catch (ReportFile.Malformed e) {
        throw new UserError("--commits: " + e.getMessage());
      }
      if (all.isEmpty()) {
        throw new UserError("--commits: " + commitsFile + " lists no commits");
      }
    }
    return all.stream().distinct().toList();
  }
}
