package dev.patchflow.cli;

import dev.patchflow.backport.Flavours;
import dev.patchflow.backport.PatchStack;
import dev.patchflow.backport.SpecResolver;
import dev.patchflow.backport.SpecToGit;
import dev.patchflow.git.GitException;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "spec2git", mixinStandardHelpOptions = true,
    description = {"Turn a spec's patch stack into a git branch on the kernel source: each patch %%prep applies (on",
        "x86_64) one commit, in %%prep order, for review and rebasing. Mail-form patches go in with git am, bare",
        "diffs with git apply; each commit carries a 'PatchN: file' trailer. Stops at the first patch that does",
        "not apply, leaving the branch at the last good commit. --list prints the stack without git."})
final class BackportSpec2gitCommand implements Callable<Integer> {
  @Mixin Environment env;
  @Spec CommandSpec spec;

  @Option(names = "--spec", paramLabel = "FILE", description = "The spec file.")
  Path specFile;

  @Option(names = "--spec-dir", paramLabel = "DIR",
      description = "Where the spec is, when --spec is not given: DIR/<flavour spec> or DIR/v<kernel>/<flavour spec>.")
  Path specDir;

  @Option(names = "--flavour", paramLabel = "NAME", defaultValue = "base",
      description = "base, esx or rt: which spec of --spec-dir (default ${DEFAULT-VALUE}).")
  String flavour;

  @Option(names = "--kernel", paramLabel = "X.Y", description = "The kernel line; the spec's Version must be on it.")
  String kernel;

  @Option(names = "--source", paramLabel = "DIR", description = "The kernel git repository the branch is made in.")
  Path source;

  @Option(names = "--base", paramLabel = "REF", description = "Where the branch starts (default v<Version>).")
  String base;

  @Option(names = "--branch", paramLabel = "NAME", description = "The branch (default spec2git/<spec name>-<Version>).")
  String branch;

  @Option(names = "--stop-before-patch", paramLabel = "PatchN", description = "Stop before this patch (Patch512 or 512).")
  String stopBefore;

  @Option(names = "--start-from-patch", paramLabel = "PatchN",
      description = "Start at this patch; an existing branch is continued.")
  String startFrom;

  @Option(names = "--force", description = "Recreate the branch when it exists.")
  boolean force;

  @Option(names = "--worktree", paramLabel = "DIR",
      description = "Work (and leave the checkout) here instead of in a temporary folder; must not exist.")
  Path worktree;

  @Option(names = "--list", description = "Print the %%prep-ordered stack and the patches never applied; no git.")
  boolean list;

  @Option(names = "--no-rpmspec", description = "Read the spec directly even when rpmspec is installed.")
  boolean noRpmspec;

  @Option(names = "--define", paramLabel = "'NAME VALUE'", description = "A macro for rpm (repeat; default 'dist .ph5').")
  List<String> defines = new ArrayList<>();

  @Override
  public Integer call() throws IOException {
    PrintWriter out = spec.commandLine().getOut();
    Path file = specPath();
    Map<String, String> macros = SpecResolver.defaultMacros();
    for (String d : defines) {
      String[] kv = d.strip().split("\\s+", 2);
      if (kv.length != 2) {
        throw new UserError("--define: want 'NAME VALUE', got " + d);
      }
      macros.put(kv[0], kv[1]);
    }
    SpecResolver.Resolved resolved = SpecResolver.resolve(file, macros, !noRpmspec);
    PatchStack stack = PatchStack.of(resolved);
    String version = version(resolved);
    if (kernel != null && !version.equals(kernel) && !version.startsWith(kernel + ".")) {
      throw new UserError("--kernel " + kernel + ": " + file + " is for " + version);
    }
    String name = file.getFileName().toString().replaceFirst("\\.spec$", "");
    resolved.notes().forEach(n -> spec.commandLine().getErr().println("patchflow: note: " + n));
    if (list) {
      Spec2gitReport.list(out, name, version, resolved.method(), stack);
      return 0;
    }
    if (source == null) {
      throw new UserError("--source: give the kernel git repository (or --list)");
    }
    if (worktree != null && Files.exists(worktree)) {
      throw new UserError("--worktree: " + worktree + " exists");
    }
    String branchName = branch != null ? branch : "spec2git/" + name + "-" + version;
    String baseRef = base != null ? base : "v" + version;
    SpecToGit.Outcome outcome;
    try {
      outcome = SpecToGit.run(new SpecToGit.Request(file.toAbsolutePath().getParent(), stack, source, baseRef, branchName,
          patchNumber("--start-from-patch", startFrom), patchNumber("--stop-before-patch", stopBefore), force,
          worktree));
    } catch (GitException e) {
      throw new UserError(e.getMessage());
    }
    if (outcome instanceof SpecToGit.Refused refused) {
      throw new UserError(refused.reason());
    }
    return Spec2gitReport.outcome(out, spec.commandLine().getErr(), outcome, stack);
  }

  private Path specPath() {
    if (specFile != null) {
      if (!Files.isRegularFile(specFile)) {
        throw new UserError("--spec: no file " + specFile);
      }
      return specFile;
    }
    if (specDir == null) {
      throw new UserError("give --spec FILE, or --spec-dir DIR (with --kernel and --flavour)");
    }
    Flavours flavours = Flavours.photon();
    if (!flavours.knows(flavour)) {
      throw new UserError("--flavour: one of " + String.join(", ", flavours.specs().keySet()));
    }
    List<Path> tried = new ArrayList<>(List.of(specDir.resolve(flavours.spec(flavour))));
    if (kernel != null) {
      tried.add(specDir.resolve("v" + kernel).resolve(flavours.spec(flavour)));
    }
    return tried.stream().filter(Files::isRegularFile).findFirst()
        .orElseThrow(() -> new UserError("--spec-dir: none of " + tried + " exists"));
  }

  private static String version(SpecResolver.Resolved r) {
    return r.spec().expandedTag("Version").or(() -> r.original().expandedTag("Version"))
        .orElseThrow(() -> new UserError(r.spec().name() + ": no Version line (or one with unknown macros)"));
  }

  static Integer patchNumber(String option, String text) {
    if (text == null) {
      return null;
    }
    String t = text.strip();
    if (!t.matches("(?i)(patch)?\\d+")) {
      throw new UserError(option + ": want PatchN or N, got " + text);
    }
    return Integer.valueOf(t.replaceFirst("(?i)^patch", ""));
  }
}
