package dev.patchflow.cli;

import dev.patchflow.backport.PatchStack;
import dev.patchflow.backport.SpecFile;
import dev.patchflow.backport.SpecResolver;
import dev.patchflow.backport.SpecToGit;
import java.io.PrintWriter;
import java.util.List;

/** What {@code backport spec2git} prints: the stack (--list), or how the branch went. */
final class Spec2gitReport {
  private Spec2gitReport() {}

  static void list(PrintWriter out, String name, String version, SpecResolver.Method method, PatchStack stack) {
    out.println(name + " " + version + " (" + (method == SpecResolver.Method.RPMSPEC ? "rpmspec -P" : "read directly")
        + ", " + SpecResolver.ARCH + "): " + stack.applied().size() + " patches applied, " + stack.inTree().size()
        + " to the source tree");
    out.printf("%5s  %-10s %3s  %-20s %s%n", "#", "patch", "-p", "block", "file");
    int i = 0;
    for (PatchStack.Entry e : stack.applied()) {
      out.printf("%5d  %-10s %3d  %-20s %s%s%n", ++i, "Patch" + e.number(), e.strip(), e.block(), e.file(),
          e.inTree() ? "" : "  (in " + e.dir() + ", not on the branch)");
    }
    List<SpecFile.PatchDecl> never = stack.neverApplied();
    out.println(never.isEmpty() ? "every declared patch is applied" : "declared but never applied (" + never.size() + "):");
    never.forEach(d -> out.println("  Patch" + d.number() + ": " + d.file()));
    stack.notes().forEach(n -> out.println("note: " + n));
    out.flush();
  }

  static int outcome(PrintWriter out, PrintWriter err, SpecToGit.Outcome outcome, PatchStack stack) {
    if (outcome instanceof SpecToGit.Completed c) {
      applied(out, c.applied());
      out.println("branch " + c.branch() + " at " + c.head().sha() + ": " + commits(c.applied()) + " commits, "
          + c.applied().size() + " patches" + c.stoppedBefore().map(e -> "; stopped before " + e.label()).orElse(""));
      warnNever(err, stack);
      out.flush();
      return 0;
    }
    SpecToGit.PatchFailed f = (SpecToGit.PatchFailed) outcome;
    applied(out, f.applied());
    out.flush();
    err.println("patchflow: " + f.entry().label() + " does not apply: " + f.reason());
    err.println("patchflow: branch " + f.branch() + " left at " + f.head().sha()
        + (f.applied().isEmpty() ? " (the base)" : " (after " + f.applied().get(f.applied().size() - 1).entry().label() + ")")
        + "; fix it and continue with --start-from-patch " + f.entry().number());
    warnNever(err, stack);
    err.flush();
    return 1;
  }

  private static void applied(PrintWriter out, List<SpecToGit.Applied> applied) {
    for (SpecToGit.Applied a : applied) {
      out.println(a.entry().label() + ": " + a.commits().get(a.commits().size() - 1).sha().substring(0, 12)
          + (a.mail() ? " (git am" + (a.commits().size() > 1 ? ", " + a.commits().size() + " commits" : "") + ")" : " (git apply)"));
    }
  }

  private static int commits(List<SpecToGit.Applied> applied) {
    return applied.stream().mapToInt(a -> a.commits().size()).sum();
  }

  private static void warnNever(PrintWriter err, PatchStack stack) {
    for (SpecFile.PatchDecl d : stack.neverApplied()) {
      err.println("patchflow: warning: Patch" + d.number() + " (" + d.file() + ") is declared but %prep never applies it");
    }
  }
}
