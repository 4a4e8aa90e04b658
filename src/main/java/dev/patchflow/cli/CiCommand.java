package dev.patchflow.cli;

import dev.patchflow.ci.config.BranchConfig;
import dev.patchflow.ci.config.CiConfig;
import dev.patchflow.ci.config.CiConfigFiles;
import dev.patchflow.ci.config.EmailConfig;
import dev.patchflow.ci.config.PatchworkConfig;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * The CI bridge: tests Patchwork series on GitHub and posts the results back as checks. Reads
 * KPD's JSON config or the {@code ci:} section of patchflow.yaml.
 */
@Command(name = "ci", mixinStandardHelpOptions = true,
    description = "The CI bridge (KPD): tests Patchwork series through GitHub pull requests.")
final class CiCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--check-config", paramLabel = "FILE",
      description = "Validate a config (KPD JSON or patchflow.yaml with a ci: section) without touching the network,"
          + " print what was understood and exit.")
  Path checkConfig;

  @Option(names = "--label-colors", paramLabel = "FILE", description = "KPD's labels file (label → hex colour).")
  Path labelColors;

  @Option(names = "--config", paramLabel = "FILE",
      description = "Run the bridge with this config (KPD JSON or patchflow.yaml with a ci: section).")
  Path config;

  @Option(names = "--once", description = "One pass, then exit (for cron or a systemd timer).")
  boolean once;

  @Option(names = "--dry-run", description = "Say what one pass would do (series to test, pull requests to close)"
      + " without pushing, commenting or posting anything; implies --once.")
  boolean dryRun;

  @Option(names = "--port", paramLabel = "PORT",
      description = "Serve /metrics and, when github.webhook_secret is set, the GitHub webhook on this port.")
  Integer port;

  @Override
  public Integer call() throws Exception {
    if (checkConfig != null) {
      CiConfig c = CiConfigFiles.load(checkConfig, labelColors, System::getenv);
      print(c, CiConfigFiles.kind(checkConfig), spec.commandLine().getOut());
      return 0;
    }
    if (config == null) {
      throw new UserError("ci: give --config FILE to run the bridge, or --check-config FILE to check one");
    }
    CiConfig c = CiConfigFiles.load(config, labelColors, System::getenv);
    return new CiRun(c, spec.commandLine().getOut()).run(once || dryRun, dryRun, port);
  }

  /** What the bridge understood; secrets are only ever said to be there. */
  private void print(CiConfig c, CiConfigFiles.Kind kind, PrintWriter out) {
    out.println("config: " + checkConfig + " (" + (kind == CiConfigFiles.Kind.KPD_JSON ? "KPD JSON" : "patchflow YAML")
        + ")");
    PatchworkConfig pw = c.patchwork();
    out.println("patchwork: " + pw.serverUri() + " project " + pw.project());
    if (pw.searchPatterns().isEmpty()) {
      out.println("  search: the whole project");
    }
    for (Map<String, String> p : pw.searchPatterns()) {
      out.println("  search (any of): " + p.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
          .collect(Collectors.joining(" and ")));
    }
    out.println("  lookback: " + pw.lookback() + " days");
    out.println("  relevant states: " + String.join(", ", pw.relevantStates()));
    out.println("  closed states: " + String.join(", ", pw.closedStates()));
    out.println("  expire: " + pw.stateTtls().entrySet().stream()
        .map(e -> e.getKey() + " after " + human(e.getValue())).collect(Collectors.joining(", ")));
    out.println("  checks: " + (pw.apiToken() == null ? "not posted (no api_token)"
        : "posted as " + pw.apiUsername() + " (token set)"));
    out.println("branches:");
    c.branches().forEach((name, b) -> out.println("  " + name + ": " + branch(b)));
    out.println("mapping (the first tag of a series found here decides):");
    c.tagToBranchMapping().forEach((tag, targets) -> out.println("  " + tag + " -> "
        + (targets.isEmpty() ? "(not tested)" : String.join(", ", targets))));
    if (!c.tagToBranchMapping().containsKey(CiConfig.DEFAULT_TAG)) {
      out.println("  (no " + CiConfig.DEFAULT_TAG + ": series without a mapped tag are not tested)");
    }
    out.println("labels: " + (c.labels().isEmpty() ? "none" : c.labels().entrySet().stream()
        .map(e -> e.getKey() + " #" + e.getValue()).collect(Collectors.joining(", "))));
    EmailConfig mail = c.email();
    out.println("email: " + (mail == null ? "off" : mail.host() + ":" + mail.portOrDefault() + " as " + mail.user()
        + " from " + mail.from() + " to " + list(mail.to()) + " cc " + list(mail.cc())));
    out.println("github: " + c.github().apiUri() + (c.github().webhookSecret() == null ? "" : ", webhooks signed"));
    out.println("base directory: " + c.baseDirectory() + (c.mirrorDir() == null ? "" : ", mirrors in " + c.mirrorDir()));
    out.println("poll every " + human(c.pollInterval()) + "; series branches kept " + human(c.seriesBranchTtl())
        + " after their PR closes");
    out.println("config OK");
  }

  private static String branch(BranchConfig b) {
    return "repo " + b.repo() + ", upstream " + b.upstream() + "@" + b.upstreamBranch() + ", ci " + b.ciRepo() + "@"
        + b.ciBranch() + ", auth " + b.auth().describe();
  }

  private static String list(List<String> l) {
    return l.isEmpty() ? "nobody" : String.join(", ", l);
  }

  private static String human(Duration d) {
    if (d.toSeconds() % 86_400 == 0) {
      return d.toDays() + "d";
    }
    if (d.toSeconds() % 3600 == 0) {
      return d.toHours() + "h";
    }
    return d.toSeconds() % 60 == 0 ? d.toMinutes() + "m" : d.toSeconds() + "s";
  }
}
