package dev.patchflow.backport;

import java.util.List;
import java.util.Optional;

/**
 * What the kernel CVE team published about one CVE: the fixing commit(s) (mostly mainline), the
 * commits that introduced the bug when known, the vulnerable/fixed pairs per release, and the
 * review fields of the JSON record when there is one.
 *
 * @param fixes full commit ids from the {@code .sha1} file (or the JSON when that is missing)
 * @param introducedBy commit ids from the {@code .vulnerable} file (empty when absent)
 * @param cvss the CVSS 3.1 metrics, only in records the team scored
 * @param files the files the fix touches ({@code programFiles})
 */
public record CveRecord(String id, List<String> fixes, List<String> introducedBy, List<DyadPair> pairs,
    String title, Optional<Cvss> cvss, List<String> files) {
  public CveRecord {
    fixes = List.copyOf(fixes);
    introducedBy = List.copyOf(introducedBy);
    pairs = List.copyOf(pairs);
    files = List.copyOf(files);
  }

  /** A CVSS score as the record gives it, e.g. 7.8 HIGH with its vector. */
  public record Cvss(double score, String severity, String vector) {}

  /** What the record says for one kernel line at one stable release. */
  public DyadVerdict verdict(KernelVersion line, int patchLevel) {
    return DyadVerdict.of(pairs, line, patchLevel);
  }
}
