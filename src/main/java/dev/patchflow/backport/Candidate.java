package dev.patchflow.backport;

import dev.patchflow.git.CommitId;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * An upstream commit that may need a backport, and why.
 *
 * @param reasons what made it a candidate (at least one)
 * @param tags its {@code Fixes:}, stable {@code Cc:} and CVE ids
 * @param cves the CVEs it fixes: those the kernel CVE records name it for, then ids in its message
 * @param paths the files its diff touches (for routing)
 */
public record Candidate(CommitId sha, String subject, Instant committed, Set<Reason> reasons, FixTags tags,
    List<String> cves, List<String> paths) {
  public Candidate {
    reasons = Set.copyOf(reasons);
    cves = List.copyOf(cves);
    paths = List.copyOf(paths);
  }

  /** Why a commit is a candidate. */
  public enum Reason {
    /** It has a {@code Fixes:} trailer. */
    FIXES,
    /** Its message names a CVE id. */
    CVE_ID,
    /** It is sent to stable@. */
    CC_STABLE,
    /** A kernel CVE record names it as the fix, whatever its message says. */
    CVE_RECORD,
    /** A report or the command line asked for it by id. */
    LISTED
  }

  public List<String> fixes() {
    return tags.fixes();
  }

  public Candidate withPaths(List<String> touched) {
    return new Candidate(sha, subject, committed, reasons, tags, cves, touched);
  }
}
