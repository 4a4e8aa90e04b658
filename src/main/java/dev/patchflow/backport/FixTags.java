package dev.patchflow.backport;

import dev.patchflow.mail.Trailer;
import dev.patchflow.mail.TrailerParser;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a commit message says about being a fix, as kernel developers write it: {@code Fixes:
 * <12+ hex> ("subject")} trailers, {@code Cc: stable@vger.kernel.org # 6.1.x} trailers and
 * CVE ids anywhere in the text. Trailer lines are found by {@link TrailerParser} (so quoted
 * lines and prose are not trailers); most messages carry none of the three words and are turned
 * away by a single pass over their characters first.
 *
 * @param fixes the commit ids the {@code Fixes:} trailers name, as written (12 to 40 hex digits)
 * @param ccStable whether a {@code Cc:} trailer goes to stable@
 * @param stableFrom the oldest release a stable {@code Cc:} comment names ({@code # 5.10.x}, {@code # v6.1+}), if any
 * @param cves CVE ids in the message, upper case, in order of appearance
 */
public record FixTags(List<String> fixes, boolean ccStable, Optional<KernelVersion> stableFrom, List<String> cves) {
  public static final FixTags NONE = new FixTags(List.of(), false, Optional.empty(), List.of());
  private static final Pattern FIXES = Pattern.compile("^([0-9a-fA-F]{12,40})\\b.*");
  private static final Pattern STABLE_FROM = Pattern.compile("#\\s*v?(\\d+\\.\\d+)");
  private static final Pattern CVE = Pattern.compile("CVE-(\\d{4})-(\\d{4,})", Pattern.CASE_INSENSITIVE);

  public FixTags {
    fixes = List.copyOf(fixes);
    cves = List.copyOf(cves);
  }

  public boolean any() {
    return !fixes.isEmpty() || ccStable || !cves.isEmpty();
  }

  public static FixTags of(String message) {
    if (!mayCarry(message)) {
      return NONE;
    }
    Set<String> fixes = new LinkedHashSet<>();
    boolean stable = false;
    KernelVersion from = null;
    for (Trailer t : TrailerParser.parse(message)) {
      if (t.key().equals(Trailer.FIXES)) {
        Matcher m = FIXES.matcher(t.value());
        if (m.matches()) {
          fixes.add(m.group(1).toLowerCase(Locale.ROOT));
        }
      } else if (t.key().equals(Trailer.CC_STABLE) && t.value().toLowerCase(Locale.ROOT).contains("stable@")) {
        stable = true;
        Matcher m = STABLE_FROM.matcher(t.value());
        if (m.find()) {
          KernelVersion v = KernelVersion.parse(m.group(1));
          from = from == null || v.compareTo(from) < 0 ? v : from;
        }
      }
    }
    Set<String> cves = new LinkedHashSet<>();
    Matcher m = CVE.matcher(message);
    while (m.find()) {
      cves.add("CVE-" + m.group(1) + "-" + m.group(2));
    }
    return new FixTags(new ArrayList<>(fixes), stable, Optional.ofNullable(from), new ArrayList<>(cves));
  }

  /**
   * Whether the text has "fixes:", "stable@" or "cve-" in any case: one pass that looks back
   * from each ':', '@' and '-' only, so the 95% of commits that are not fixes cost next to nothing.
   */
  static boolean mayCarry(String s) {
    for (int i = 3, n = s.length(); i < n; i++) {
      char c = s.charAt(i);
      if (c == ':' && i >= 5 && s.regionMatches(true, i - 5, "fixes", 0, 5)
          || c == '@' && i >= 6 && s.regionMatches(true, i - 6, "stable", 0, 6)
          || c == '-' && s.regionMatches(true, i - 3, "cve", 0, 3)) {
        return true;
      }
    }
    return false;
  }
}
