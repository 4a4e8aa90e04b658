package dev.patchflow.backport;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The edits a maintainer makes by hand to take a backport into a spec: the Patch line in number
 * order inside its block, and the line that applies it. Pure: spec text in, spec text out.
 */
public final class SpecEditor {
  private static final Pattern DECL_HEAD = Pattern.compile("^(Patch\\d+\\s*:)(\\s*)");
  private static final Pattern MAX_OPTION = Pattern.compile("(-M\\s*)(\\d+)");
  private static final Pattern FIX_COMMENT = Pattern.compile("^#(\\s*)Fix\\b");

  private SpecEditor() {}

  /** A run of numbers the block already holds, at one line (a Patch line or an %include of a list). */
  private record Entry(int line, int min, int max) {}

  /**
   * Adds {@code PatchN: file} to the block, after the entry with the next lower number (or before
   * the next higher one), with the comment line above it when one is given.
   */
  public static SpecFile addPatch(SpecFile spec, PatchBlocks.Block block, Map<String, String> patchLists,
      int number, String file, String comment) throws SpecEditException {
    List<Entry> entries = entries(spec, block, patchLists);
    Optional<Entry> lower = entries.stream().filter(e -> e.max() < number).max((a, b) -> Integer.compare(a.max(), b.max()));
    Optional<Entry> higher = entries.stream().filter(e -> e.min() > number).min((a, b) -> Integer.compare(a.min(), b.min()));
    String decl = declLine(spec, number, file);
    List<String> add = new ArrayList<>();
    int at;
    if (lower.isPresent() || (higher.isEmpty() && block.headerLine() < 0)) {
      int after;
      if (lower.isPresent()) {
        after = lower.get().line();
      } else {
        after = spec.patches().stream().filter(p -> p.number() < number).reduce((a, b) -> b)
            .map(SpecFile.PatchDecl::line)
            .orElseThrow(() -> new SpecEditException(spec.name() + ": nowhere to put Patch" + number
                + " (no " + block.name() + " block header and no lower Patch line)"));
      }
      at = after + 1;
      if (comment != null) {
        add.add("");
        add.add(comment(spec, comment));
      }
      add.add(decl);
    } else if (higher.isPresent()) {
      at = higher.get().line();
      while (at - 1 > block.headerLine() && spec.lines().get(at - 1).startsWith("#")) {
        at--;
      }
      if (comment != null) {
        add.add(comment(spec, comment));
      }
      add.add(decl);
      add.add("");
    } else {
      at = block.headerLine() + 1;
      if (comment != null) {
        add.add(comment(spec, comment));
      }
      add.add(decl);
    }
    return spec.insert(at, add);
  }

  private static List<Entry> entries(SpecFile spec, PatchBlocks.Block block, Map<String, String> patchLists) {
    List<Entry> out = new ArrayList<>();
    for (SpecFile.PatchDecl p : spec.patches()) {
      if (block.range().contains(p.number())) {
        out.add(new Entry(p.line(), p.number(), p.number()));
      }
    }
    for (SpecFile.Include inc : spec.includes()) {
      String text = patchLists.get(inc.file());
      if (text == null) {
        continue;
      }
      List<Integer> nums = SpecFile.patchDecls(List.of(text.split("\n"))).stream()
          .map(SpecFile.PatchDecl::number).filter(n -> block.range().contains(n)).toList();
      if (!nums.isEmpty()) {
        out.add(new Entry(inc.line(), nums.stream().min(Integer::compare).orElseThrow(),
            nums.stream().max(Integer::compare).orElseThrow()));
      }
    }
    return out;
  }

  /** A Patch line spaced like its neighbours: same separator, or the file name in the same column. */
  private static String declLine(SpecFile spec, int number, String file) {
    String head = "Patch" + number + ":";
    Optional<SpecFile.PatchDecl> near = spec.patches().stream()
        .min((a, b) -> Integer.compare(Math.abs(a.number() - number), Math.abs(b.number() - number)));
    if (near.isEmpty()) {
      return head + " " + file;
    }
    Matcher m = DECL_HEAD.matcher(spec.lines().get(near.get().line()));
    if (!m.find()) {
      return head + " " + file;
    }
    String gap = m.group(2);
    if (gap.contains("\t")) {
      return head + gap + file;
    }
    if (gap.length() <= 1) {
      return head + " " + file;
    }
    return head + " ".repeat(Math.max(1, m.end() - head.length())) + file;
  }

  /** "# Fix CVE-…" or "#Fix CVE-…", whichever the spec's "Fix" comments mostly look like. */
  private static String comment(SpecFile spec, String text) {
    int spaced = 0;
    int tight = 0;
    for (String l : spec.lines()) {
      if (!l.startsWith("#")) {
        continue;
      }
      Matcher m = FIX_COMMENT.matcher(l);
      if (m.find()) {
        if (m.group(1).isEmpty()) {
          tight++;
        } else {
          spaced++;
        }
      }
    }
    return (tight > spaced ? "#" : "# ") + text;
  }

  /** What {@link #apply} did. */
  public record Applied(SpecFile spec, String how) {}

  /**
   * The change to %prep that applies a number: {@code text} replaces line {@code line}, or with
   * {@code insert} goes in before it; none when nothing needs to change.
   */
  record PrepEdit(int line, boolean insert, String text, String how) {
    static PrepEdit none(String how) {
      return new PrepEdit(-1, false, null, how);
    }

    /**
     * Makes the edit on {@code spec}, whose lines from the edit's on are those of the spec it was
     * worked out on, {@code shift} lines further down (Patch lines added above %prep).
     */
    SpecFile on(SpecFile spec, int shift) {
      if (line < 0) {
        return spec;
      }
      return insert ? spec.insert(line + shift, List.of(text)) : spec.replace(line + shift, text);
    }
  }

  /**
   * Makes sure patch number is applied in %prep: nothing when an %autopatch range already covers
   * it, else raise the block's %autopatch -M, else add a %patch line where the spec applies one by one.
   */
  public static Applied apply(SpecFile spec, PatchBlocks.Block block, int number) throws SpecEditException {
    PrepEdit e = prepEdit(spec, block, number);
    return new Applied(e.on(spec, 0), e.how());
  }

  static PrepEdit prepEdit(SpecFile spec, PatchBlocks.Block block, int number) throws SpecEditException {
    PatchBlocks blocks = PatchBlocks.of(spec);
    if (blocks.applied(number)) {
      return PrepEdit.none("already applied by %autopatch");
    }
    Optional<PatchBlocks.AutoPatch> auto = blocks.autopatchFor(block, number);
    if (auto.isPresent() && auto.get().max() != null) {
      PatchBlocks.AutoPatch a = auto.get();
      // The nearest range at or below the number is raised, so no other range starts in between.
      String line = spec.lines().get(a.line());
      Matcher m = MAX_OPTION.matcher(line);
      if (!m.find()) {
        throw new SpecEditException(spec.name() + ": cannot read -M on line " + (a.line() + 1));
      }
      String raised = line.substring(0, m.start(2)) + number + line.substring(m.end(2));
      return new PrepEdit(a.line(), false, raised, "%autopatch -M" + a.max() + " raised to -M" + number);
    }
    if (!blocks.applies().isEmpty()) {
      List<PatchBlocks.PatchApply> applies = blocks.applies();
      Optional<PatchBlocks.PatchApply> lower = applies.stream().filter(p -> p.number() < number)
          .max((a, b) -> Integer.compare(a.number(), b.number()));
      PatchBlocks.PatchApply anchor = lower.orElseGet(() -> applies.stream()
          .min((a, b) -> Integer.compare(a.number(), b.number())).orElseThrow());
      String like = spec.lines().get(anchor.line());
      String line = like.replaceFirst("(%patch(?:\\s+(?:.*\\s)?-P\\s*)?)" + anchor.number() + "\\b", "$1" + number);
      int at = lower.isPresent() ? anchor.line() + 1 : anchor.line();
      return new PrepEdit(at, true, line, "%patch line added");
    }
    throw new SpecEditException(spec.name() + ": no %autopatch or %patch line applies the " + block.name()
        + " block " + block.range());
  }
}
