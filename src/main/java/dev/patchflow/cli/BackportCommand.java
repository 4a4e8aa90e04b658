package dev.patchflow.cli;

import dev.patchflow.backport.RoutingRules;
import dev.patchflow.backport.ScanWindow;
import dev.patchflow.backport.config.BackportConfig;
import dev.patchflow.backport.pipeline.BackportPipeline;
import dev.patchflow.backport.pipeline.CandidateResult;
import dev.patchflow.backport.pipeline.DirRunLog;
import dev.patchflow.backport.pipeline.Preflight;
import dev.patchflow.backport.pipeline.RunLog;
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
  @Mixin Environment env;
  @Spec CommandSpec spec;

  @Option(names = "--kernel", paramLabel = "X.Y", split = ",",
      description = "Only these kernel lines (repeat or comma list; default: every line of the config).")
  List<String> kernels = new ArrayList<>();

  @Option(names = "--month", paramLabel = "YYYY-MM", description = "The month of upstream commits to scan (default: this month, UTC).")
  String month;

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

  @Option(names = "--json", paramLabel = "FILE", description = "Write the results as JSON lines here (default: the run's log folder).")
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
    ScanWindow window;
    try {
      window = ScanWindow.month(month == null ? YearMonth.now(clock.withZone(ZoneOffset.UTC)) : YearMonth.parse(month));
    } catch (DateTimeParseException e) {
      throw new UserError("--month: want YYYY-MM, got " + month);
    }
    BackportPipeline.Options options = new BackportPipeline.Options(window, kernels, repoUrl, branch, skipClone,
        skipReview, skipPush, enableBuild, limit, dryRun);
    Path workDir = c.workDir() != null ? Path.of(c.workDir()) : env.home().resolve("backport");
    Path logDir = Modules.backportLogDir(c, env.home());
    RunLog log = dryRun ? DirRunLog.echoOnly(l -> { }) : new DirRunLog(logDir, clock, l -> { });
    BackportGitHub gh = BackportGitHub.of(c.github(), !dryRun && !skipPush);
    BackportPipeline.RunResult result;
    try {
      result = new BackportPipeline(c, workDir, gh.pullRequests(), gh::credentials, Preflight.NONE, clock).run(options, log);
    } catch (GitException | RoutingRules.RulesException | IllegalArgumentException | IllegalStateException e) {
      throw new UserError(e.getMessage());
    }
    out.print(dryRun ? "dry run: nothing written\n" : "");
    out.print(RunReport.table(result));
    if (!dryRun && result.blocked().isEmpty()) {
      Path file = json != null ? json : log.dir().resolve("results.jsonl");
      Files.writeString(file, RunReport.jsonLines(result), StandardCharsets.UTF_8);
      out.println("results: " + file);
    }
    out.flush();
    boolean broken = result.results().stream().map(CandidateResult::outcome)
        .anyMatch(o -> o instanceof dev.patchflow.backport.pipeline.Outcome.Failed);
    return broken ? 1 : 0;
  }
}
