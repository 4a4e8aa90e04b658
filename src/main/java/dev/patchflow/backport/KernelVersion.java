package dev.patchflow.backport;

import java.util.ArrayList;
import java.util.List;

/**
 * A kernel version as the CVE team's {@code .dyad} files write it: a mainline release
 * ({@code 6.1}, or {@code 2.6.29} from before 3.0), a stable release ({@code 6.1.130},
 * {@code 2.6.32.27}), or {@code 0}, which means "none" (no known start, or no fix).
 */
public record KernelVersion(List<Integer> parts) implements Comparable<KernelVersion> {
  public static final KernelVersion NONE = new KernelVersion(List.of(0));

  public KernelVersion {
    parts = List.copyOf(parts);
    if (parts.isEmpty()) {
      throw new IllegalArgumentException("empty kernel version");
    }
  }

  /** Parses "6.1", "6.1.130", "2.6.29", "0"; anything else is an {@link IllegalArgumentException}. */
  public static KernelVersion parse(String text) {
    String t = text.strip();
    if (t.startsWith("v")) {
      t = t.substring(1);
    }
    if (!t.matches("\\d+(\\.\\d+){0,3}")) {
      throw new IllegalArgumentException("not a kernel version: '" + text + "'");
    }
    List<Integer> parts = new ArrayList<>();
    for (String p : t.split("\\.")) {
      parts.add(Integer.parseInt(p));
    }
    return new KernelVersion(parts);
  }

  public boolean isNone() {
    return parts.size() == 1 && parts.get(0) == 0;
  }

  private boolean old() {
    return parts.get(0) == 2;
  }

  /** A mainline release: X.Y, or 2.6.Z before 3.0. */
  public boolean isMainline() {
    return !isNone() && parts.size() == (old() ? 3 : 2);
  }

  /** A stable release: X.Y.Z, or 2.6.Z.W. */
  public boolean isStable() {
    return !isNone() && parts.size() == (old() ? 4 : 3);
  }

  /** The mainline release a stable one belongs to (6.1 for 6.1.130); a mainline one is its own. */
  public KernelVersion line() {
    return isStable() ? new KernelVersion(parts.subList(0, parts.size() - 1)) : this;
  }

  /** The stable patch level (130 for 6.1.130); 0 for a mainline release. */
  public int patchLevel() {
    return isStable() ? parts.get(parts.size() - 1) : 0;
  }

  /** Whether this is a stable release of {@code line} (6.1.130 of 6.1). */
  public boolean isStableOf(KernelVersion line) {
    return isStable() && line().equals(line);
  }

  /** Release order: 2.6.29 before 3.0 before 6.1 before 6.1.1; "none" first. */
  @Override
  public int compareTo(KernelVersion o) {
    for (int i = 0; i < Math.max(parts.size(), o.parts.size()); i++) {
      int a = i < parts.size() ? parts.get(i) : -1;
      int b = i < o.parts.size() ? o.parts.get(i) : -1;
      if (a != b) {
        return Integer.compare(a, b);
      }
    }
    return 0;
  }

  @Override
  public String toString() {
    return String.join(".", parts.stream().map(String::valueOf).toList());
  }
}
