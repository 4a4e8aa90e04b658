package dev.patchflow.backport;

import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * Picks the Patch number a backport gets: the same number in every target spec of a kernel line,
 * after the highest one used in the block across those specs (Photon's common choice), or the
 * lowest number free in all of them when gaps left by dropped patches are to be filled.
 */
public final class PatchNumbering {
  private PatchNumbering() {}

  /** The numbers one spec uses inside its block. */
  public record Usage(String spec, PatchBlocks.Block block, SortedSet<Integer> used) {
    public Usage {
      used = java.util.Collections.unmodifiableSortedSet(new TreeSet<>(used));
    }
  }

  /** The outcome: the first of count consecutive numbers, or why there is none. */
  public sealed interface Choice permits Assigned, Full {}

  public record Assigned(int first, int count) implements Choice {}

  /** The block of spec has no room; the message names the spec and the range. */
  public record Full(String spec, Range range, String message) implements Choice {}

  /**
   * Numbers a spec uses in its block: its own Patch lines, those of its patch lists (texts by file
   * name, read by the caller) and ranges reserved by sub-headers.
   */
  public static Usage usage(SpecFile spec, PatchBlocks blocks, PatchBlocks.Block block, Map<String, String> patchLists) {
    SortedSet<Integer> used = new TreeSet<>();
    spec.patches().forEach(p -> used.add(p.number()));
    for (String file : spec.patchListFiles()) {
      String text = patchLists.get(file);
      if (text != null) {
        SpecFile.patchDecls(List.of(text.split("\n"))).forEach(p -> used.add(p.number()));
      }
    }
    for (Range r : blocks.reserved(block)) {
      for (int n = r.from(); n <= r.to(); n++) {
        used.add(n);
      }
    }
    used.removeIf(n -> !block.range().contains(n));
    return new Usage(spec.name(), block, used);
  }

  public static Choice choose(List<Usage> usages, int count, boolean fillGaps) {
    if (usages.isEmpty() || count < 1) {
      throw new IllegalArgumentException("nothing to number");
    }
    int low = usages.stream().mapToInt(u -> u.block().range().from()).max().orElseThrow();
    Usage tightest = usages.stream().min((a, b) -> Integer.compare(a.block().range().to(), b.block().range().to())).orElseThrow();
    int high = tightest.block().range().to();
    if (fillGaps) {
      for (int n = low; n + count - 1 <= high; n++) {
        if (free(usages, n, count)) {
          return new Assigned(n, count);
        }
      }
      return full(tightest, count);
    }
    int first = low;
    for (Usage u : usages) {
      if (!u.used().isEmpty()) {
        first = Math.max(first, u.used().last() + 1);
      }
    }
    for (Usage u : usages) {
      if (first + count - 1 > u.block().range().to()) {
        return full(u, count);
      }
    }
    return new Assigned(first, count);
  }

  private static boolean free(List<Usage> usages, int first, int count) {
    for (Usage u : usages) {
      for (int n = first; n < first + count; n++) {
        if (u.used().contains(n)) {
          return false;
        }
      }
    }
    return true;
  }

  private static Full full(Usage u, int count) {
    String what = count == 1 ? "a new patch" : count + " new patches";
    return new Full(u.spec(), u.block().range(), u.spec() + ": " + u.block().name() + " block "
        + u.block().range() + " is full, no room for " + what);
  }
}
