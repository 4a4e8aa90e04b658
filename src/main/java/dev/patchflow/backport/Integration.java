package dev.patchflow.backport;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Takes one fix (one or more patch files) into every target spec of a kernel line, as Photon's
 * maintainers do by hand: the same Patch numbers in each spec, the Patch lines in their block, the
 * block applied up to the new numbers, Release + 1 and a %changelog entry. Pure: texts in, texts out.
 */
public final class Integration {
  private Integration() {}

  /** One target spec and the texts of the patch lists it names (by file name; missing ones are skipped). */
  public record Target(SpecFile spec, Map<String, String> patchLists) {
    public Target {
      patchLists = Map.copyOf(patchLists);
    }
  }

  /**
   * What to integrate.
   *
   * @param patchFiles the patch file names, in apply order
   * @param comment the comment above the first Patch line ("Fix CVE-…"), or null for none
   * @param blockName the block header name, "CVE"
   * @param fallback the block's range where a spec has no header with one
   */
  public record Request(List<Target> targets, List<String> patchFiles, String comment, String blockName,
      Range fallback, boolean fillGaps, Changelog.Entry changelog) {
    public Request {
      targets = List.copyOf(targets);
      patchFiles = List.copyOf(patchFiles);
    }
  }

  /** One spec as edited and what was done to it. */
  public record SpecResult(String spec, SpecFile edited, List<Integer> numbers, int release, String versionRelease,
      List<String> applied) {
    /** The new text; joined only when asked for (a dry run plans hundreds of edits and writes none). */
    public String text() {
      return edited.text();
    }
  }

  public sealed interface Outcome permits Integrated, Refused {}

  public record Integrated(List<SpecResult> specs) implements Outcome {}

  /** Nothing was changed; reason names the spec (and range, for a full block). */
  public record Refused(String reason) implements Outcome {}

  public static Outcome integrate(Request r) {
    if (r.targets().isEmpty() || r.patchFiles().isEmpty()) {
      return new Refused("no spec or no patch given");
    }
    List<PatchNumbering.Usage> usages = new ArrayList<>();
    List<PatchBlocks.Block> blocks = new ArrayList<>();
    for (Target t : r.targets()) {
      for (SpecFile.PatchDecl p : t.spec().patches()) {
        if (r.patchFiles().contains(p.file())) {
          return new Refused(t.spec().name() + " already has " + p.file() + " as Patch" + p.number());
        }
      }
      PatchBlocks pb = PatchBlocks.of(t.spec());
      PatchBlocks.Block block = pb.block(r.blockName(), r.fallback());
      blocks.add(block);
      usages.add(PatchNumbering.usage(t.spec(), pb, block, t.patchLists()));
    }
    PatchNumbering.Choice choice = PatchNumbering.choose(usages, r.patchFiles().size(), r.fillGaps());
    if (choice instanceof PatchNumbering.Full full) {
      return new Refused(full.message());
    }
    int first = ((PatchNumbering.Assigned) choice).first();
    List<SpecResult> out = new ArrayList<>();
    try {
      for (int i = 0; i < r.targets().size(); i++) {
        out.add(edit(r, r.targets().get(i), blocks.get(i), first));
      }
    } catch (SpecEditException e) {
      return new Refused(e.getMessage());
    }
    return new Integrated(out);
  }

  /** Whether the lines of {@code read} from {@code line} on are those of {@code edited}, {@code shift} further down. */
  private static boolean carriedDown(SpecFile read, SpecFile edited, int line, int shift) {
    if (line < 0) {
      return true;
    }
    List<String> a = read.lines();
    List<String> b = edited.lines();
    // the same String objects where the edit kept them: equals() is a pointer check per line
    return line <= a.size() && a.size() + shift == b.size()
        && a.subList(line, a.size()).equals(b.subList(line + shift, b.size()));
  }

  private static SpecResult edit(Request r, Target t, PatchBlocks.Block block, int first) throws SpecEditException {
    SpecFile spec = t.spec();
    List<Integer> numbers = new ArrayList<>();
    List<String> applied = new ArrayList<>();
    for (int k = 0; k < r.patchFiles().size(); k++) {
      int n = first + k;
      spec = SpecEditor.addPatch(spec, block, t.patchLists(), n, r.patchFiles().get(k), k == 0 ? r.comment() : null);
      numbers.add(n);
    }
    SpecFile read = t.spec();
    int shift = spec.lines().size() - read.lines().size();
    SpecEditor.PrepEdit prep = numbers.size() == 1 ? SpecEditor.prepEdit(read, block, numbers.get(0)) : null;
    if (prep != null && carriedDown(read, spec, prep.line(), shift)) {
      // %prep is below the block: the spec as read (whose layout a run works out once, for
      // hundreds of plans) says where, and the Patch lines added above only move it down
      spec = prep.on(spec, shift);
      applied.add(prep.how());
    } else {
      for (int n : numbers) {
        SpecEditor.Applied a = SpecEditor.apply(spec, block, n);
        spec = a.spec();
        applied.add(a.how());
      }
    }
    Changelog.Bumped bumped = Changelog.bumpRelease(spec);
    // our edits leave Version and the macros it uses alone
    String version = read.expandedTag("Version")
        .orElseThrow(() -> new SpecEditException(read.name() + ": cannot resolve Version:"));
    String vr = version + "-" + bumped.release();
    spec = Changelog.addEntry(bumped.spec(), r.changelog(), vr);
    return new SpecResult(t.spec().name(), spec, numbers, bumped.release(), vr, applied);
  }
}
