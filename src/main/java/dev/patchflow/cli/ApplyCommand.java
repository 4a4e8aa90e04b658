package dev.patchflow.cli;

import dev.patchflow.config.Config;
import dev.patchflow.gittree.Applier;
import dev.patchflow.gittree.MergeDetector;
import dev.patchflow.store.Database;
import java.io.PrintWriter;
import java.time.Clock;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "apply", mixinStandardHelpOptions = true,
    description = {"Apply every complete series not applied yet onto its project's git tree, push the tags, and",
        "scan upstream for merged patches; then exit. `serve` does the same on a timer."})
final class ApplyCommand implements Callable<Integer> {
  @Mixin Environment env;
  @Spec CommandSpec spec;

  @Option(names = "--no-merge-scan", description = "Only apply; do not scan upstream for merged patches.")
  boolean noMergeScan;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    Config config = env.config();
    try (Database db = env.open()) {
      Applier applier = Modules.applier(db, config, env.home(), Clock.systemUTC());
      if (!applier.enabled()) {
        throw new UserError("no project has a git tree: give projects[].git in the config");
      }
      Applier.Pass pass = applier.runOnce();
      out.println("apply: " + pass.describe());
      if (!noMergeScan) {
        int merged = applier.scanMerges(
            new MergeDetector(db, Clock.systemUTC(), config.applier().mergeScanDepthOrDefault()));
        out.println("merged upstream: " + merged + " patches");
      }
    }
    return 0;
  }
}
