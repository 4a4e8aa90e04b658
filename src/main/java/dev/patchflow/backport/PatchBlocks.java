package dev.patchflow.backport;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The patch layout of a spec: numbered block headers ({@code # CVE: [100..199]},
 * {@code # aarch specific patches [200..219]}), the {@code %autopatch -mA -MB} lines that apply
 * the blocks, and the {@code %patchN} / {@code %patch -P N} lines of specs that apply one by one.
 */
public final class PatchBlocks {
  private static final Pattern RANGED = Pattern.compile("^#\\s*(.*?)\\s*:?\\s*\\[\\s*(\\d+)\\s*\\.\\.\\s*(\\d+)\\s*]\\s*$");
  // Without a range only "# NAME:" is a header; "# CVE" alone is an ordinary comment (above Source lines, say).
  private static final Pattern BARE = Pattern.compile("^#\\s*([\\w-]+)\\s*:\\s*$");
  private static final Pattern AUTOPATCH = Pattern.compile("^\\s*%autopatch\\b(.*)$");
  private static final Pattern MIN = Pattern.compile("(?:^|\\s)-m\\s*(\\d+)");
  private static final Pattern MAX = Pattern.compile("(?:^|\\s)-M\\s*(\\d+)");
  private static final Pattern PATCH_N = Pattern.compile("^\\s*%patch(\\d+)\\b");
  private static final Pattern PATCH_P = Pattern.compile("^\\s*%patch\\s+(?:.*\\s)?-P\\s*(\\d+)\\b");

  /** A block header comment; range is null for a bare {@code # CVE:}. */
  public record Header(int line, String name, Range range) {}

  /**
   * The block new patches go into.
   *
   * @param headerLine the header's line, or -1 when the spec has none
   * @param fromHeader the range is the spec's own, not the configured fallback
   */
  public record Block(String name, Range range, int headerLine, boolean fromHeader) {}

  /** An {@code %autopatch} line; a missing -m or -M leaves that side open (null). */
  public record AutoPatch(int line, Integer min, Integer max) {
    public boolean covers(int n) {
      return (min == null || n >= min) && (max == null || n <= max);
    }
  }

  /** A {@code %patchN} or {@code %patch -P N} line. */
  public record PatchApply(int line, int number) {}

  private final List<Header> headers = new ArrayList<>();
  private final List<AutoPatch> autopatches = new ArrayList<>();
  private final List<PatchApply> applies = new ArrayList<>();

  PatchBlocks(SpecFile spec) {
    List<String> lines = spec.lines();
    int prep = spec.sectionLine("%prep").orElse(lines.size());
    for (int i = 0; i < lines.size(); i++) {
      String l = lines.get(i);
      if (i < prep) {
        if (!l.startsWith("#")) {
          continue;
        }
        // the patterns backtrack; most comment lines have neither a range nor a closing colon
        boolean mayRange = l.indexOf('[') >= 0 && l.contains("..");
        Matcher r = RANGED.matcher(l);
        Matcher b = BARE.matcher(l);
        if (mayRange && r.matches()) {
          int from = Integer.parseInt(r.group(2));
          int to = Integer.parseInt(r.group(3));
          // Real specs carry slips such as "[1500..1409]"; such a header bounds nothing.
          headers.add(new Header(i, r.group(1), from <= to ? new Range(from, to) : null));
        } else if (l.stripTrailing().endsWith(":") && b.matches()) {
          headers.add(new Header(i, b.group(1), null));
        }
        continue;
      }
      // "%autopatch", "%patchN", "%patch -P N": most of %prep and what follows is shell
      if (l.indexOf("patch") < 0) {
        continue;
      }
      Matcher a = AUTOPATCH.matcher(l);
      if (a.find()) {
        autopatches.add(new AutoPatch(i, number(MIN, a.group(1)), number(MAX, a.group(1))));
        continue;
      }
      Matcher n = PATCH_N.matcher(l);
      Matcher p = PATCH_P.matcher(l);
      if (n.find()) {
        applies.add(new PatchApply(i, Integer.parseInt(n.group(1))));
      } else if (p.find()) {
        applies.add(new PatchApply(i, Integer.parseInt(p.group(1))));
      }
    }
  }

  private static Integer number(Pattern p, String options) {
    Matcher m = p.matcher(options);
    return m.find() ? Integer.valueOf(m.group(1)) : null;
  }

  /** The spec's blocks, worked out once per spec (edits make a new spec). */
  public static PatchBlocks of(SpecFile spec) {
    return spec.blocks();
  }

  public List<Header> headers() {
    return List.copyOf(headers);
  }

  public List<AutoPatch> autopatches() {
    return List.copyOf(autopatches);
  }

  public List<PatchApply> applies() {
    return List.copyOf(applies);
  }

  /**
   * The block called name (case does not matter): its header's range, or the fallback when the
   * spec has no header or a bare one.
   */
  public Block block(String name, Range fallback) {
    List<Header> named = headers.stream().filter(x -> x.name().equalsIgnoreCase(name)).toList();
    Optional<Header> ranged = named.stream().filter(x -> x.range() != null).findFirst();
    if (ranged.isPresent()) {
      return new Block(name, ranged.get().range(), ranged.get().line(), true);
    }
    return new Block(name, fallback, named.isEmpty() ? -1 : named.get(0).line(), false);
  }

  /**
   * Ranges inside the block that headers reserve for one fix, e.g. {@code # Fix CVE-2023-39191
   * [110..128]} above an {@code %include}d list; their numbers count as used.
   */
  public List<Range> reserved(Block block) {
    List<Range> out = new ArrayList<>();
    for (Header h : headers) {
      if (h.line() != block.headerLine() && h.range() != null && h.range().within(block.range())
          && !h.range().equals(block.range())) {
        out.add(h.range());
      }
    }
    return out;
  }

  public boolean applied(int n) {
    return autopatches.stream().anyMatch(a -> a.covers(n)) || applies.stream().anyMatch(p -> p.number() == n);
  }

  /** The {@code %autopatch} line that applies the block: the one starting at or below n with the highest start in the block. */
  public Optional<AutoPatch> autopatchFor(Block block, int n) {
    return autopatches.stream()
        .filter(a -> a.min() != null && block.range().contains(a.min()) && a.min() <= n)
        .max((x, y) -> Integer.compare(x.min(), y.min()));
  }

}
