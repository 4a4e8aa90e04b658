package dev.patchflow.backport;

import java.util.List;
import java.util.Optional;
import java.util.TreeSet;

/**
 * What a CVE record's {@code .dyad} pairs say about one kernel line (e.g. 6.1) at one stable
 * release (6.1.N; N = 0 for the release itself). The rules follow how the CVE team's dyad
 * writes the pairs:
 * <ul>
 *   <li>a mainline fix at or before the line's release: the line was born fixed;</li>
 *   <li>the bug is in the line's base when its oldest mainline vulnerable version (or "since
 *       always", {@code 0:0}) is at or before the line's release; a missing line in the file
 *       then does not mean safe, it means no fix was backported;</li>
 *   <li>otherwise the line has the bug only if a stable release of it received the bad commit
 *       ({@code 6.1.47:sha:...}), and from that release on;</li>
 *   <li>the line is fixed at N when every fix on the line is at or before N. Dyad pairs fixes
 *       with bad entries by exact version, so a {@code 6.1.71:sha:0:0} entry with a 6.1 fix
 *       released after 6.1.71 is taken as fixed by it (CVE-2025-40039).</li>
 * </ul>
 */
public sealed interface DyadVerdict {
  String reason();

  /** The line at this release carries the fix (in a stable release, or in its mainline base). */
  record Fixed(KernelVersion in, String reason) implements DyadVerdict {}

  /** The line at this release has the bug; {@code fixedLater} is a newer stable release of the line with the fix. */
  record Affected(Optional<KernelVersion> fixedLater, String reason) implements DyadVerdict {}

  /** The line never had the bug, or not yet at this release. */
  record NotAffected(String reason) implements DyadVerdict {}

  /** The record cannot tell (it has no pairs). */
  record Unknown(String reason) implements DyadVerdict {}

  static DyadVerdict of(List<DyadPair> pairs, KernelVersion line, int n) {
    if (pairs.isEmpty()) {
      return new Unknown("the CVE record has no .dyad pairs");
    }
    String at = n > 0 ? line + "." + n : line.toString();
    Optional<KernelVersion> mainlineFix = pairs.stream().map(DyadPair::fixed)
        .filter(v -> v.isMainline() && v.compareTo(line) <= 0).min(KernelVersion::compareTo);
    if (mainlineFix.isPresent()) {
      return new Fixed(mainlineFix.get(), "fixed in mainline " + mainlineFix.get() + ", in " + line + " from the start");
    }
    Optional<KernelVersion> root = pairs.stream().map(DyadPair::vulnerable)
        .filter(v -> v.isNone() || v.isMainline()).min(KernelVersion::compareTo);
    boolean inBase = root.isPresent() && root.get().compareTo(line) <= 0;
    TreeSet<Integer> badIn = new TreeSet<>();
    TreeSet<Integer> fixIn = new TreeSet<>();
    for (DyadPair p : pairs) {
      if (p.vulnerable().isStableOf(line)) {
        badIn.add(p.vulnerable().patchLevel());
      }
      if (p.fixed().isStableOf(line)) {
        fixIn.add(p.fixed().patchLevel());
      }
    }
    if (!inBase && badIn.isEmpty() && fixIn.isEmpty()) {
      if (root.isPresent()) {
        return new NotAffected("the bug came in with " + root.get() + ", after " + line);
      }
      return new NotAffected("only stable releases of other lines got the bad commit");
    }
    String since = inBase ? (root.get().isNone() ? "since always" : "since " + root.get())
        : "bad commit backported in " + line + "." + (badIn.isEmpty() ? fixIn.first() : badIn.first());
    if (!inBase && !badIn.isEmpty() && badIn.first() > n) {
      return new NotAffected("the bad commit came into " + line + " in " + line + "." + badIn.first() + ", after " + at);
    }
    if (fixIn.isEmpty()) {
      return new Affected(Optional.empty(), "no fix on the " + line + " line (" + since + ")");
    }
    KernelVersion first = stable(line, fixIn.first());
    KernelVersion last = stable(line, fixIn.last());
    // A bad entry with no fix on the line released at or after it stays open (dyad's 0:0).
    for (DyadPair p : pairs) {
      if (p.vulnerable().isStableOf(line) && p.unfixed() && fixIn.ceiling(p.vulnerable().patchLevel()) == null
          && p.vulnerable().patchLevel() <= n) {
        return new Affected(Optional.empty(), "bad commit backported in " + p.vulnerable() + " has no fix on the line");
      }
    }
    if (fixIn.last() <= n) {
      return new Fixed(last, "fixed in " + last + " (" + since + ")");
    }
    if (fixIn.first() <= n) {
      return new Affected(Optional.of(last), "partly fixed: " + first + " is in " + at + ", " + last + " is not ("
          + since + ")");
    }
    return new Affected(Optional.of(first), "fixed in " + first + ", after " + at + " (" + since + ")");
  }

  private static KernelVersion stable(KernelVersion line, int level) {
    return KernelVersion.parse(line + "." + level);
  }
}
