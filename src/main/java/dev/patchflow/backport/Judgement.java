package dev.patchflow.backport;

import java.util.List;
import java.util.Optional;

/**
 * The decision for one candidate on one kernel line, from facts gathered beforehand (pure). In
 * order, the first that speaks decides:
 * <ol>
 *   <li>the fix is already there: in the base release, in a spec patch file (by the upstream
 *       commit its message names, or by patch-id), or on the stable branch (likewise);</li>
 *   <li>the kernel CVE records: a line the record says has the bug and not the fix needs it,
 *       a fix in a stable release at or before the shipped one is integrated, a line the bug
 *       never reached is not affected; the records are curated (they follow {@code .vulnerable}
 *       overrides and bad commits backported into a line), so they come before {@code Fixes:};</li>
 *   <li>{@code Fixes:}: a named commit in the base release, or backported onto the stable
 *       branch, means the line has the bug; none of them there means not affected; a named
 *       commit the repository does not have leaves it unknown;</li>
 *   <li>{@code Cc: stable} with no {@code Fixes:}: meant for every stable line from the release
 *       its comment names ({@code # 6.6.x}), or all of them when it names none, so needed on
 *       those lines and not affected on older ones;</li>
 *   <li>a CVE id in the message alone: unknown, a person has to look.</li>
 * </ol>
 */
public final class Judgement {
  private Judgement() {}

  /**
   * What is known of one candidate on one line.
   *
   * @param inBase the candidate itself is in the line's base release
   * @param inSpec the spec patch file carrying it, and how it was recognised
   * @param onStable the stable commit carrying it, and how it was recognised
   */
  public record Facts(boolean inBase, Optional<String> inSpec, Optional<String> onStable, List<CveFact> cves,
      List<FixesFact> fixes, FixTags tags) {
    public Facts {
      cves = List.copyOf(cves);
      fixes = List.copyOf(fixes);
    }
  }

  /** What a CVE record says for the line. */
  public record CveFact(String id, DyadVerdict verdict) {}

  /**
   * One {@code Fixes:} target.
   *
   * @param found the repository has it
   * @param inBase it is in the line's base release
   * @param backportedAs the stable commit that brought it into the line, if one did
   */
  public record FixesFact(String written, boolean found, boolean inBase, Optional<String> backportedAs) {}

  public static Verdict judge(KernelLine line, Optional<KernelVersion> at, Facts f) {
    String base = line.baseTag();
    if (f.inBase()) {
      return new Verdict.AlreadyIntegrated("in " + base);
    }
    if (f.inSpec().isPresent()) {
      return new Verdict.AlreadyIntegrated("spec patch " + f.inSpec().get());
    }
    if (f.onStable().isPresent()) {
      return new Verdict.AlreadyIntegrated("stable commit " + f.onStable().get());
    }
    Optional<Verdict> byRecord = byRecords(at.orElse(line.version()), f.cves());
    if (byRecord.isPresent()) {
      return byRecord.get();
    }
    if (!f.fixes().isEmpty()) {
      return byFixes(base, line, f.fixes());
    }
    if (f.tags().ccStable()) {
      Optional<KernelVersion> from = f.tags().stableFrom();
      if (from.isPresent() && from.get().compareTo(line.version()) > 0) {
        return new Verdict.NotAffected("Cc: stable # " + from.get() + ".x and later, no Fixes:");
      }
      return new Verdict.Needed("Cc: stable" + from.map(v -> " # " + v + ".x and later").orElse(" for every line")
          + ", no Fixes: to say when the bug came in");
    }
    if (!f.cves().isEmpty()) {
      return new Verdict.Unknown(f.cves().get(0).id() + ": " + f.cves().get(0).verdict().reason() + "; no Fixes:");
    }
    return new Verdict.Unknown("names " + String.join(", ", f.tags().cves()) + " but there is no record and no Fixes:");
  }

  private static Optional<Verdict> byRecords(KernelVersion at, List<CveFact> cves) {
    Verdict fixed = null;
    Verdict notAffected = null;
    for (CveFact c : cves) {
      DyadVerdict v = c.verdict();
      if (v instanceof DyadVerdict.Affected a) {
        return Optional.of(new Verdict.Needed(c.id() + ": " + a.reason()));
      }
      if (v instanceof DyadVerdict.Fixed && fixed == null) {
        fixed = new Verdict.AlreadyIntegrated(c.id() + ": " + v.reason() + " (shipped " + at + ")");
      } else if (v instanceof DyadVerdict.NotAffected && notAffected == null) {
        notAffected = new Verdict.NotAffected(c.id() + ": " + v.reason());
      }
    }
    return Optional.ofNullable(fixed != null ? fixed : notAffected);
  }

  private static Verdict byFixes(String base, KernelLine line, List<FixesFact> fixes) {
    for (FixesFact x : fixes) {
      if (x.inBase()) {
        return new Verdict.Needed("Fixes: " + x.written() + " is in " + base);
      }
    }
    for (FixesFact x : fixes) {
      if (x.backportedAs().isPresent()) {
        return new Verdict.Needed("Fixes: " + x.written() + " came into " + line.name() + " as stable commit "
            + x.backportedAs().get());
      }
    }
    List<String> missing = fixes.stream().filter(x -> !x.found()).map(FixesFact::written).toList();
    if (!missing.isEmpty()) {
      return new Verdict.Unknown("Fixes: " + String.join(", ", missing) + " not in the upstream repository");
    }
    return new Verdict.NotAffected("Fixes: " + String.join(", ", fixes.stream().map(FixesFact::written).toList())
        + " not in " + base + (line.stableBranch().isPresent() ? " nor backported to " + line.stableBranch().get() : ""));
  }
}
