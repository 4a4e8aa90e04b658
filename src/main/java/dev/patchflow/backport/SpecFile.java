package dev.patchflow.backport;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An RPM spec file as its lines, kept exactly: edits insert or replace whole lines, so the
 * maintainers' layout, comments and conditionals survive. Immutable; edits return a new file.
 */
public final class SpecFile {
  private static final Pattern PATCH = Pattern.compile("^Patch(\\d+)\\s*:\\s*(\\S+)");
  private static final Pattern SOURCE = Pattern.compile("^Source(\\d+)\\s*:\\s*(\\S+)");
  private static final Pattern INCLUDE = Pattern.compile("^%include\\s+(\\S+)");
  private static final Pattern SOURCE_REF = Pattern.compile("^%\\{(?:SOURCE|S:)\\s*(\\d+)}$");
  private static final Pattern MACRO = Pattern.compile("%\\{(\\w+)}|%(\\w+)");
  private static final Pattern DEFINE = Pattern.compile("^%(?:define|global)\\s+(\\w+)\\s+(.+?)\\s*$");

  /** A {@code PatchN: file} line. */
  public record PatchDecl(int line, int number, String file) {}

  /** An {@code %include} line and the file name it reads (macros like {@code %{SOURCE42}} resolved). */
  public record Include(int line, String file) {}

  private final String name;
  private final List<String> lines;
  private final boolean finalNewline;
  // Views worked out on first use: planning a month of fixes asks them of the same spec hundreds of times.
  private List<PatchDecl> patches;
  private Map<Integer, String> sources;
  private List<Include> includes;
  private PatchBlocks blocks;

  /** @param lines unmodifiable, and no one else's to change: not copied (a run makes thousands of edits) */
  private SpecFile(String name, List<String> lines, boolean finalNewline) {
    this.name = name;
    this.lines = lines;
    this.finalNewline = finalNewline;
  }

  public static SpecFile parse(String name, String text) {
    boolean nl = text.endsWith("\n");
    String body = nl ? text.substring(0, text.length() - 1) : text;
    return new SpecFile(name, List.of(body.split("\n", -1)), nl);
  }

  public String name() {
    return name;
  }

  public List<String> lines() {
    return lines;
  }

  public String text() {
    return String.join("\n", lines) + (finalNewline ? "\n" : "");
  }

  public SpecFile insert(int at, List<String> newLines) {
    List<String> l = new ArrayList<>(lines.size() + newLines.size());
    l.addAll(lines.subList(0, at));
    newLines.forEach(x -> l.add(java.util.Objects.requireNonNull(x)));
    l.addAll(lines.subList(at, lines.size()));
    return new SpecFile(name, java.util.Collections.unmodifiableList(l), finalNewline);
  }

  public SpecFile replace(int at, String line) {
    List<String> l = new ArrayList<>(lines);
    l.set(at, java.util.Objects.requireNonNull(line));
    return new SpecFile(name, java.util.Collections.unmodifiableList(l), finalNewline);
  }

  PatchBlocks blocks() {
    if (blocks == null) {
      blocks = new PatchBlocks(this);
    }
    return blocks;
  }

  public List<PatchDecl> patches() {
    if (patches == null) {
      patches = List.copyOf(patchDecls(lines));
    }
    return patches;
  }

  /** The Patch lines of a patch list text ({@code %include}d or given as a Source). */
  public static List<PatchDecl> patchDecls(List<String> text) {
    List<PatchDecl> out = new ArrayList<>();
    for (int i = 0; i < text.size(); i++) {
      if (!text.get(i).startsWith("Patch")) {
        continue;
      }
      Matcher m = PATCH.matcher(text.get(i));
      if (m.find()) {
        out.add(new PatchDecl(i, Integer.parseInt(m.group(1)), m.group(2)));
      }
    }
    return out;
  }

  public Map<Integer, String> sources() {
    if (sources != null) {
      return sources;
    }
    Map<Integer, String> out = new TreeMap<>();
    for (String l : lines) {
      if (!l.startsWith("Source")) {
        continue;
      }
      Matcher m = SOURCE.matcher(l);
      if (m.find()) {
        out.put(Integer.parseInt(m.group(1)), m.group(2));
      }
    }
    sources = java.util.Collections.unmodifiableMap(out);
    return sources;
  }

  public List<Include> includes() {
    if (includes != null) {
      return includes;
    }
    Map<Integer, String> sources = sources();
    List<Include> out = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      if (!lines.get(i).startsWith("%include")) {
        continue;
      }
      Matcher m = INCLUDE.matcher(lines.get(i));
      if (!m.find()) {
        continue;
      }
      String target = m.group(1);
      Matcher ref = SOURCE_REF.matcher(target);
      if (ref.matches()) {
        target = sources.get(Integer.parseInt(ref.group(1)));
        if (target == null) {
          continue;
        }
      }
      target = target.replace("%{_sourcedir}/", "");
      out.add(new Include(i, target.substring(target.lastIndexOf('/') + 1)));
    }
    includes = List.copyOf(out);
    return includes;
  }

  /**
   * Files that may declare Patch numbers for this spec: every {@code %include}d file and every
   * Source ending in {@code .patches}. Reading them is the caller's job.
   */
  public List<String> patchListFiles() {
    LinkedHashSet<String> out = new LinkedHashSet<>();
    includes().forEach(i -> out.add(i.file()));
    sources().values().stream().filter(s -> s.endsWith(".patches") && !s.contains("%"))
        .map(s -> s.substring(s.lastIndexOf('/') + 1)).forEach(out::add);
    return List.copyOf(out);
  }

  /** The first preamble tag line, e.g. tag("Release"), as its line index. */
  public Optional<Integer> tagLine(String tag) {
    for (int i = 0; i < lines.size(); i++) {
      String l = lines.get(i);
      if (l.regionMatches(true, 0, tag, 0, tag.length()) && l.substring(tag.length()).stripLeading().startsWith(":")) {
        return Optional.of(i);
      }
    }
    return Optional.empty();
  }

  public Optional<String> tag(String tag) {
    return tagLine(tag).map(i -> lines.get(i).substring(lines.get(i).indexOf(':') + 1).strip());
  }

  /**
   * A tag's value with plain {@code %define}/{@code %global} macros expanded ({@code %{name}} and
   * {@code %name}); empty when a macro stays unknown.
   */
  public Optional<String> expandedTag(String tag) {
    Optional<String> raw = tag(tag);
    if (raw.isEmpty()) {
      return raw;
    }
    Map<String, String> defs = new TreeMap<>();
    for (String l : lines) {
      if (!l.startsWith("%define") && !l.startsWith("%global")) {
        continue;
      }
      Matcher m = DEFINE.matcher(l);
      if (m.find()) {
        defs.putIfAbsent(m.group(1), m.group(2));
      }
    }
    String v = raw.get();
    for (int round = 0; round < 5 && v.contains("%"); round++) {
      Matcher m = MACRO.matcher(v);
      StringBuilder sb = new StringBuilder();
      while (m.find()) {
        String key = m.group(1) != null ? m.group(1) : m.group(2);
        String value = defs.get(key);
        m.appendReplacement(sb, Matcher.quoteReplacement(value != null ? value : m.group()));
      }
      m.appendTail(sb);
      v = sb.toString();
    }
    return v.contains("%") ? Optional.empty() : Optional.of(v);
  }

  public Optional<Integer> sectionLine(String section) {
    for (int i = 0; i < lines.size(); i++) {
      String l = lines.get(i);
      if (l.startsWith(section) && (l.length() == section.length()
          || l.charAt(section.length()) == ' ' || l.charAt(section.length()) == '\t')) {
        return Optional.of(i);
      }
    }
    return Optional.empty();
  }
}
