package dev.patchflow.ci;

import dev.patchflow.git.AmResult;
import dev.patchflow.git.CommitId;

/** The words the bridge writes on GitHub: pull request bodies and comments. Pure. */
public final class PrTexts {
  /** Conflicting hunks beyond this are cut: a comment has a size limit and a reader has patience. */
  static final int MAX_HUNKS = 30_000;

  private PrTexts() {}

  public static String body(PwSeries s, String subject) {
    StringBuilder b = new StringBuilder();
    b.append("Pull request for series with\n");
    b.append("subject: ").append(subject).append('\n');
    b.append("version: ").append(s.version()).append('\n');
    b.append("url: ").append(s.webUrl()).append('\n');
    if (s.submitterEmail() != null) {
      b.append("submitter: ").append(s.submitterName() == null ? "" : s.submitterName() + " ")
          .append('<').append(s.submitterEmail()).append(">\n");
    }
    b.append('\n');
    for (PwPatch p : s.patches()) {
      b.append("- ").append(p.name()).append('\n');
    }
    return b.toString();
  }

  /** Said on every push, so the PR's history tells which upstream each run tested. */
  public static String pushed(BranchTarget t, CommitId upstream, CommitId head) {
    return "Applied on upstream " + t.upstreamBranch() + " at " + upstream.sha() + " (" + t.baseBranch()
        + ").\nHead: " + head.sha() + "\n";
  }

  public static String conflict(BranchTarget t, CommitId upstream, AmResult.Conflict c) {
    StringBuilder b = new StringBuilder();
    b.append("This series does not apply to ").append(t.baseBranch()).append(" (upstream ")
        .append(upstream.sha()).append("): patch ").append(c.patchIndex()).append(" \"").append(c.subject())
        .append("\" failed");
    if (!c.paths().isEmpty()) {
      b.append(" in ").append(String.join(", ", c.paths()));
    }
    b.append(".\n\n```\n").append(c.output().strip()).append("\n```\n");
    if (!c.hunks().isBlank()) {
      String hunks = c.hunks().length() > MAX_HUNKS ? c.hunks().substring(0, MAX_HUNKS) + "\n[... cut]" : c.hunks();
      b.append("\n<details><summary>conflicting diff</summary>\n\n```diff\n").append(hunks.strip())
          .append("\n```\n</details>\n");
    }
    return b.toString();
  }

  public static String superseded(PwSeriesRef newer) {
    return "Closing: version " + newer.version() + " of this series was posted (" + newer.webUrl() + ").\n";
  }

  public static String notRelevant(String reason) {
    return "Closing: this series is no longer tested (" + reason + ").\n";
  }
}
