package dev.patchflow.backport;

import java.util.Optional;

/**
 * One line of a CVE's {@code .dyad} file: where the bug came in and where it was fixed, as
 * {@code vulnerable_version:vulnerable_sha:fixed_version:fixed_sha}. {@code 0:0} on the
 * vulnerable side means "since always" (no introducing commit known), on the fixed side "not
 * fixed there". A stable version's sha is the stable commit's own id, not the mainline one.
 */
public record DyadPair(KernelVersion vulnerable, String vulnerableSha, KernelVersion fixed, String fixedSha) {
  /** A pair line; comments ({@code #}) and blank lines are empty, a malformed line an {@link IllegalArgumentException}. */
  public static Optional<DyadPair> parse(String line) {
    String l = line.strip();
    if (l.isEmpty() || l.startsWith("#")) {
      return Optional.empty();
    }
    String[] f = l.split(":", -1);
    if (f.length != 4 || !f[1].matches("0|[0-9a-f]{12,40}") || !f[3].matches("0|[0-9a-f]{12,40}")) {
      throw new IllegalArgumentException("not a dyad line (version:sha:version:sha): " + l);
    }
    return Optional.of(new DyadPair(KernelVersion.parse(f[0]), f[1], KernelVersion.parse(f[2]), f[3]));
  }

  public boolean sinceAlways() {
    return vulnerable.isNone();
  }

  public boolean unfixed() {
    return fixed.isNone();
  }

  @Override
  public String toString() {
    return vulnerable + ":" + vulnerableSha + ":" + fixed + ":" + fixedSha;
  }
}
