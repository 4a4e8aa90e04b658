package dev.patchflow.ci;

import dev.patchflow.forge.PullRequest;
import java.util.List;

/**
 * What one cycle will do, decided before any git or GitHub work: which series to test on which
 * branches, which pull requests to close and why, which subjects are left alone. A dry run
 * prints it; a real run carries it out.
 */
public record CyclePlan(List<Test> tests, List<Close> closes, List<Skip> skips) {
  public CyclePlan {
    tests = List.copyOf(tests);
    closes = List.copyOf(closes);
    skips = List.copyOf(skips);
  }

  /**
   * Test the newest version of a subject.
   *
   * @param branches the target branches to try, in order
   * @param keep the branch that already has this series' open pull request without a conflict;
   *     only it is tried (null: none)
   */
  public record Test(String subject, SeriesGroup series, List<String> branches, String keep) {
    public List<String> tryOrder() {
      return keep != null ? List.of(keep) : branches;
    }
  }

  /** Close a pull request of ours, saying why in a comment. */
  public record Close(String branch, PullRequest pr, String comment) {}

  /** A subject the cycle does not test, and why (for the log and the dry run). */
  public record Skip(String subject, String reason) {}
}
