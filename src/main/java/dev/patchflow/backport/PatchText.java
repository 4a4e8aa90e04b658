package dev.patchflow.backport;

import dev.patchflow.mail.EncodedWords;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A patch in mbox / {@code git format-patch} form: its subject and upstream commit, and the
 * stable-style {@code commit <sha> upstream.} line at the top of its message, which lets later
 * runs (and people) see which upstream commit a spec's patch file carries.
 */
public final class PatchText {
  private static final Pattern FROM_LINE = Pattern.compile("^From ([0-9a-f]{40}) ");
  private static final Pattern UPSTREAM = Pattern.compile(
      "^(?:commit ([0-9a-f]{12,40}) upstream\\.?|\\[\\s*[Uu]pstream commit ([0-9a-f]{12,40})\\s*])\\s*$");

  private final List<String> lines;
  private final int bodyStart;

  private PatchText(List<String> lines, int bodyStart) {
    this.lines = lines;
    this.bodyStart = bodyStart;
  }

  /** Reads the header block; a text without one (a bare diff) is an {@link IllegalArgumentException}. */
  public static PatchText parse(String text) {
    List<String> lines = List.of(text.replace("\r\n", "\n").split("\n", -1));
    int i = 0;
    if (!lines.isEmpty() && lines.get(0).startsWith("From ")) {
      i = 1;
    }
    boolean header = false;
    for (; i < lines.size(); i++) {
      String l = lines.get(i);
      if (l.isEmpty()) {
        break;
      }
      if (!l.matches("^[\\w-]+:.*") && !l.startsWith(" ") && !l.startsWith("\t")) {
        throw new IllegalArgumentException("not a mail-form patch (give a git format-patch file): " + l);
      }
      header = true;
    }
    if (!header || i >= lines.size()) {
      throw new IllegalArgumentException("not a mail-form patch: no header block");
    }
    PatchText p = new PatchText(lines, i + 1);
    if (p.header("Subject").isEmpty()) {
      throw new IllegalArgumentException("patch has no Subject header");
    }
    return p;
  }

  /** A header's value, folded lines joined and encoded words decoded. */
  public Optional<String> header(String name) {
    String prefix = name.toLowerCase(Locale.ROOT) + ":";
    for (int i = 0; i < bodyStart - 1; i++) {
      if (lines.get(i).toLowerCase(Locale.ROOT).startsWith(prefix)) {
        StringBuilder v = new StringBuilder(lines.get(i).substring(prefix.length()).strip());
        for (int j = i + 1; j < bodyStart - 1 && (lines.get(j).startsWith(" ") || lines.get(j).startsWith("\t")); j++) {
          v.append(' ').append(lines.get(j).strip());
        }
        return Optional.of(EncodedWords.decode(v.toString()));
      }
    }
    return Optional.empty();
  }

  public String subject() {
    return header("Subject").orElseThrow();
  }

  /** The upstream commit: a {@code commit … upstream.} line in the message, else the mbox From line's id. */
  public Optional<String> upstreamSha() {
    for (int i = bodyStart; i < lines.size() && !lines.get(i).equals("---"); i++) {
      Matcher m = UPSTREAM.matcher(lines.get(i).strip());
      if (m.matches()) {
        return Optional.of(m.group(1) != null ? m.group(1) : m.group(2));
      }
    }
    Matcher from = lines.isEmpty() ? null : FROM_LINE.matcher(lines.get(0));
    return from != null && from.find() ? Optional.of(from.group(1)) : Optional.empty();
  }

  /** The text with {@code commit <sha> upstream.} opening the message, unless the message already names that commit. */
  public String withUpstreamLine(String sha) {
    for (int i = bodyStart; i < lines.size() && !lines.get(i).equals("---"); i++) {
      Matcher m = UPSTREAM.matcher(lines.get(i).strip());
      if (m.matches() && sha.startsWith(m.group(1) != null ? m.group(1) : m.group(2))) {
        return text(lines);
      }
    }
    List<String> out = new ArrayList<>(lines.subList(0, bodyStart));
    out.add("commit " + sha + " upstream.");
    out.add("");
    out.addAll(lines.subList(bodyStart, lines.size()));
    return text(out);
  }

  private static String text(List<String> lines) {
    return String.join("\n", lines);
  }
}
