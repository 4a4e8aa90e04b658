package dev.patchflow.backport.pipeline;

import dev.patchflow.backport.Candidate;
import dev.patchflow.backport.CveReview;
import dev.patchflow.backport.CveRecord;
import dev.patchflow.backport.Route;
import dev.patchflow.backport.config.KernelLineConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The words a backport leaves: changelog lines, the commit message, the pull request (pure). */
public final class BackportTexts {
  private BackportTexts() {}

  /** What is known of one backport when its texts are written. */
  public record Facts(KernelLineConfig line, Candidate candidate, Route.To route, String patchFile,
      List<Integer> numbers, Map<String, CveRecord> records) {
    public Facts {
      numbers = List.copyOf(numbers);
      records = Map.copyOf(records);
    }
  }

  /** The branch a backport is committed and pushed on. */
  public static String branch(Candidate c) {
    return "backport/" + c.sha().sha().substring(0, 12);
  }

  /** The comment above the Patch line: "Fix CVE-…" as Photon writes it, or none without a CVE. */
  public static String comment(Candidate c) {
    return c.cves().isEmpty() ? null : "Fix " + String.join(", ", c.cves());
  }

  /** The %changelog lines: the configured template, else "Fix CVE-…" per CVE, else the subject. */
  public static List<String> changelog(Candidate c, String template) {
    if (template != null) {
      String sha = c.sha().sha();
      return List.of(template.replace("{subject}", c.subject()).replace("{sha12}", sha.substring(0, 12))
          .replace("{sha}", sha).replace("{cve}", c.cves().isEmpty() ? c.subject() : c.cves().get(0)));
    }
    if (c.cves().isEmpty()) {
      return List.of(c.subject());
    }
    return c.cves().stream().map(id -> "Fix " + id).toList();
  }

  public static String commitMessage(Facts f) {
    Candidate c = f.candidate();
    String head = c.cves().isEmpty() ? c.subject() : "Fix " + String.join(", ", c.cves());
    StringBuilder m = new StringBuilder();
    m.append(String.join(", ", f.route().specs().stream().map(s -> s.replaceAll("\\.spec$", "")).toList()))
        .append(": ").append(head).append('\n').append('\n');
    m.append("Backport of upstream commit ").append(c.sha().sha()).append('\n');
    m.append("(\"").append(c.subject()).append("\")\n\n");
    m.append("Kernel ").append(f.line().kernel()).append(", branch ").append(f.line().branch()).append(": ");
    m.append(numbered(f)).append(" (").append(f.patchFile()).append(").\n");
    m.append("Routing: ").append(f.route().reason()).append('\n');
    return m.toString();
  }

  public static String prTitle(Facts f) {
    return "[" + f.line().kernel() + "] " + f.candidate().subject() + " (upstream " + f.candidate().sha().abbrev() + ")";
  }

  /** The pull request's summary: what, where, why there, and the CVE review unless skipped. */
  public static String prBody(Facts f, boolean review) {
    Candidate c = f.candidate();
    List<String> rows = new ArrayList<>();
    rows.add("| upstream commit | `" + c.sha().sha() + "` " + c.subject() + " |");
    rows.add("| target branch | `" + f.line().branch() + "` (" + f.line().specDir() + ") |");
    rows.add("| kernel line | " + f.line().kernel() + " (" + f.line().baseTagOrDefault()
        + (f.line().stableBranch() == null ? "" : ", " + f.line().stableBranch()) + ") |");
    rows.add("| specs | " + numbered(f) + " |");
    rows.add("| patch file | `" + f.patchFile() + "` |");
    rows.add("| routing | " + f.route().reason() + " |");
    if (!c.fixes().isEmpty()) {
      rows.add("| Fixes | " + String.join(", ", c.fixes()) + " |");
    }
    StringBuilder b = new StringBuilder("Automated backport by Patchflow.\n\n| | |\n|---|---|\n");
    rows.forEach(r -> b.append(r).append('\n'));
    if (review && !c.cves().isEmpty()) {
      b.append("\nCVE review:\n");
      CveReview.lines(c, f.records()).forEach(l -> b.append("- ").append(l).append('\n'));
    }
    f.route().warnings().forEach(w -> b.append("\nNote: ").append(w).append('\n'));
    return b.toString();
  }

  /** "Patch155 in linux.spec, linux-esx.spec", or one number per spec when they differ. */
  static String numbered(Facts f) {
    List<String> specs = f.route().specs();
    if (f.numbers().stream().distinct().count() == 1) {
      return "Patch" + f.numbers().get(0) + " in " + String.join(", ", specs);
    }
    List<String> each = new ArrayList<>();
    for (int i = 0; i < specs.size(); i++) {
      each.add(specs.get(i) + " Patch" + f.numbers().get(i));
    }
    return String.join(", ", each);
  }
}
