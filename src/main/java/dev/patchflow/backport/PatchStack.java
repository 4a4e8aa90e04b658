package dev.patchflow.backport;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The patches a spec's {@code %prep} applies, in the order rpm applies them, from a spec whose
 * conditionals are already resolved and whose {@code %include}d patch lists are inlined (see
 * {@link SpecResolver}). Also the Patch lines that nothing applies: declared, shipped, never
 * used, which is what a tool that adds a Patch line without raising {@code %autopatch -M} leaves.
 *
 * <p>{@code %prep} is read here rather than through {@link PatchBlocks}, which keeps only the
 * numbers: a stack also needs each line's {@code -p}, every {@code -P} of a line, explicit
 * {@code %autopatch} arguments, and whether a {@code pushd} moved it out of the kernel tree (the
 * efa/i40e driver patches). Block names come from {@link PatchBlocks#headers()}.
 */
public final class PatchStack {
  private static final Pattern AUTOPATCH = Pattern.compile("^%autopatch\\b(.*)$");
  private static final Pattern AUTOSETUP = Pattern.compile("^%autosetup\\b(.*)$");
  private static final Pattern PATCH = Pattern.compile("^%patch(\\d*)\\b(.*)$");
  private static final Pattern PUSHD = Pattern.compile("^pushd\\s+(\\S+)");
  private static final Pattern SECTION = Pattern.compile(
      "^%(build|install|check|clean|files|changelog|package|description|pre|post|preun|postun|posttrans|pretrans|trigger\\w*|generate_buildrequires|conf)\\b");

  /**
   * One applied patch.
   *
   * @param strip the {@code -p} level
   * @param via the {@code %prep} line that applies it, as written
   * @param block the narrowest numbered block header holding the number ("CVE"), or ""
   * @param dir the {@code pushd} folder it is applied in, "" for the source tree itself
   */
  public record Entry(int number, String file, int strip, String via, String block, String dir) {
    public boolean inTree() {
      return dir.isEmpty();
    }

    public String label() {
      return "Patch" + number + " (" + file + ")";
    }
  }

  private final List<Entry> applied;
  private final List<SpecFile.PatchDecl> neverApplied;
  private final List<String> notes;

  private PatchStack(List<Entry> applied, List<SpecFile.PatchDecl> neverApplied, List<String> notes) {
    this.applied = List.copyOf(applied);
    this.neverApplied = List.copyOf(neverApplied);
    this.notes = List.copyOf(notes);
  }

  /** The applied patches, in {@code %prep} order. */
  public List<Entry> applied() {
    return applied;
  }

  /** Patch lines no {@code %prep} line applies, in declaration order. */
  public List<SpecFile.PatchDecl> neverApplied() {
    return neverApplied;
  }

  /** Things worth a warning: a %patch of an undeclared number, a patch applied twice, a range rpm orders oddly. */
  public List<String> notes() {
    return notes;
  }

  /** The applied patches that land in the source tree (not under a {@code pushd}). */
  public List<Entry> inTree() {
    return applied.stream().filter(Entry::inTree).toList();
  }

  /** The stack of a resolved spec, block names from the headers of the spec as written. */
  public static PatchStack of(SpecResolver.Resolved r) {
    return of(r.spec(), PatchBlocks.of(r.original()).headers());
  }

  /** The stack of a spec whose conditionals and includes are already resolved. */
  public static PatchStack of(SpecFile resolved) {
    return of(resolved, PatchBlocks.of(resolved).headers());
  }

  public static PatchStack of(SpecFile resolved, List<PatchBlocks.Header> headers) {
    // rpm's %autopatch walks the Patch lines in the order they were declared, not by number.
    Map<Integer, String> declared = new LinkedHashMap<>();
    List<String> notes = new ArrayList<>();
    for (SpecFile.PatchDecl d : resolved.patches()) {
      if (declared.putIfAbsent(d.number(), d.file()) != null) {
        notes.add("Patch" + d.number() + " is declared twice; rpm refuses such a spec");
      }
    }
    List<Entry> out = new ArrayList<>();
    List<String> lines = resolved.lines();
    int start = resolved.sectionLine("%prep").orElse(lines.size());
    List<String> dirs = new ArrayList<>();
    for (int i = start + 1; i < lines.size(); i++) {
      String l = lines.get(i).strip();
      if (SECTION.matcher(l).find()) {
        break;
      }
      Matcher push = PUSHD.matcher(l);
      if (push.find()) {
        dirs.add(push.group(1));
        continue;
      }
      if (l.equals("popd") || l.startsWith("popd ")) {
        if (!dirs.isEmpty()) {
          dirs.remove(dirs.size() - 1);
        }
        continue;
      }
      String dir = dirs.isEmpty() ? "" : dirs.get(dirs.size() - 1);
      List<Integer> numbers = new ArrayList<>();
      Options o;
      Matcher a = AUTOPATCH.matcher(l);
      Matcher s = AUTOSETUP.matcher(l);
      Matcher p = PATCH.matcher(l);
      String auto = a.find() ? a.group(1) : s.find() && !Options.parse(s.group(1)).has("N") ? s.group(1) : null;
      if (auto != null) {
        o = Options.parse(auto);
        if (!o.args().isEmpty()) {
          numbers.addAll(o.args());
        } else {
          Integer min = o.number("m");
          Integer max = o.number("M");
          int last = -1;
          for (int n : declared.keySet()) {
            if ((min == null || n >= min) && (max == null || n <= max)) {
              if (n < last) {
                notes.add(l + ": Patch" + n + " is declared after Patch" + last + "; rpm applies it later");
              }
              last = Math.max(last, n);
              numbers.add(n);
            }
          }
        }
      } else if (p.find()) {
        o = Options.parse(p.group(2));
        if (!p.group(1).isEmpty()) {
          numbers.add(Integer.parseInt(p.group(1)));
        }
        numbers.addAll(o.all("P"));
        numbers.addAll(o.args());
        if (numbers.isEmpty()) {
          numbers.add(0);
        }
      } else {
        continue;
      }
      Integer strip = o.number("p");
      for (int n : numbers) {
        String file = declared.get(n);
        if (file == null) {
          notes.add(l + ": there is no Patch" + n + " line");
          continue;
        }
        out.add(new Entry(n, file, strip == null ? 0 : strip, l, block(headers, n), dir));
      }
    }
    Set<Integer> seen = new LinkedHashSet<>();
    for (Entry e : out) {
      if (!seen.add(e.number())) {
        notes.add(e.label() + " is applied more than once");
      }
    }
    List<SpecFile.PatchDecl> never = resolved.patches().stream().filter(d -> !seen.contains(d.number())).toList();
    return new PatchStack(out, never, notes);
  }

  private static String block(List<PatchBlocks.Header> headers, int n) {
    PatchBlocks.Header best = null;
    for (PatchBlocks.Header h : headers) {
      if (h.range() != null && h.range().contains(n)
          && (best == null || h.range().to() - h.range().from() < best.range().to() - best.range().from())) {
        best = h;
      }
    }
    return best == null ? "" : best.name();
  }

  /** The options of a %patch/%autopatch line: single-letter flags with their values, and bare numbers. */
  record Options(Map<String, List<String>> flags, List<Integer> args) {
    static Options parse(String text) {
      Map<String, List<String>> flags = new HashMap<>();
      List<Integer> args = new ArrayList<>();
      String[] words = text.strip().isEmpty() ? new String[0] : text.strip().split("\\s+");
      for (int i = 0; i < words.length; i++) {
        String w = words[i];
        if (w.matches("-[A-Za-z].*")) {
          String flag = w.substring(1, 2);
          String value = w.length() > 2 ? w.substring(2) : null;
          // Flags that take a value: -p -m -M -P -F -b -z -d -o; a separate word when not glued.
          if (value == null && "pmMPFbzdoSan".contains(flag) && i + 1 < words.length
              && !words[i + 1].startsWith("-")) {
            value = words[++i];
          }
          flags.computeIfAbsent(flag, k -> new ArrayList<>()).add(value == null ? "" : value);
        } else if (w.matches("\\d+")) {
          args.add(Integer.parseInt(w));
        }
      }
      return new Options(flags, args);
    }

    boolean has(String flag) {
      return flags.containsKey(flag);
    }

    Integer number(String flag) {
      List<String> v = flags.get(flag);
      return v == null || v.isEmpty() || !v.get(v.size() - 1).matches("\\d+") ? null : Integer.valueOf(v.get(v.size() - 1));
    }

    List<Integer> all(String flag) {
      return flags.getOrDefault(flag, List.of()).stream().filter(x -> x.matches("\\d+")).map(Integer::valueOf).toList();
    }
  }
}
