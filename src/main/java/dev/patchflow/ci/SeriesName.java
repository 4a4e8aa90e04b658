package dev.patchflow.ci;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the bracket prefixes off a patch, cover or series name: "[PATCH bpf-next v3 1/3] bpf: x"
 * or, as Patchwork stores it, "[bpf-next,v3,1/3] bpf: x".
 */
public final class SeriesName {
  private static final Pattern LEADING_GROUP = Pattern.compile("^\\s*\\[([^\\]]*)\\]");

  private SeriesName() {}

  /**
   * The subject: the name without its leading bracket groups, trimmed. Versions of one series
   * share it ("[v2] bpf: x" and "[PATCH v3] bpf: x" are both "bpf: x"). Empty for an empty name.
   */
  public static String subject(String name) {
    if (name == null) {
      return "";
    }
    String rest = name;
    Matcher m = LEADING_GROUP.matcher(rest);
    while (m.find()) {
      rest = rest.substring(m.end());
      m = LEADING_GROUP.matcher(rest);
    }
    return rest.trim();
  }

  /** Every word of every leading bracket group, split on commas and white space, in order. */
  public static List<String> prefixes(String name) {
    List<String> out = new ArrayList<>();
    if (name == null) {
      return out;
    }
    String rest = name;
    Matcher m = LEADING_GROUP.matcher(rest);
    while (m.find()) {
      for (String word : m.group(1).split("[,\\s]+")) {
        if (!word.isEmpty()) {
          out.add(word);
        }
      }
      rest = rest.substring(m.end());
      m = LEADING_GROUP.matcher(rest);
    }
    return out;
  }
}
