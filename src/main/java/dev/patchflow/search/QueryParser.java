package dev.patchflow.search;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The search language: bare words search the subject; {@code from: to: project: age:<2w
 * is: not: has: success: failure:}; terms are AND-ed, {@code {a b}} is an OR, {@code -} or
 * {@code !} negates; "double quotes" group words. A mistake is a {@link QueryException} with its
 * position, never an empty result. Pure.
 */
public final class QueryParser {
  static final Set<String> KEYS = Set.of("from", "to", "project", "age", "is", "not", "has", "success", "failure",
      "pending", "running");
  static final Set<String> IS_VALUES = Set.of("complete", "reviewed", "obsolete", "merged", "tested", "pull", "applied");
  private static final Pattern AGE = Pattern.compile("[<>]?\\d+[dwmy]");

  private final String text;
  private int pos;

  private QueryParser(String text) {
    this.text = text;
  }

  public static Query parse(String text) {
    QueryParser p = new QueryParser(text == null ? "" : text);
    List<Query> parts = p.sequence('\0');
    return new Query.All(parts);
  }

  private List<Query> sequence(char closing) {
    List<Query> parts = new ArrayList<>();
    while (true) {
      skipSpace();
      if (pos >= text.length()) {
        if (closing != '\0') {
          throw new QueryException("missing '}'", pos);
        }
        return parts;
      }
      char c = text.charAt(pos);
      if (c == closing) {
        pos++;
        return parts;
      }
      if (c == '}') {
        throw new QueryException("'}' without '{'", pos);
      }
      parts.add(item());
    }
  }

  private Query item() {
    char c = text.charAt(pos);
    if (c == '-' || c == '!') {
      int at = pos++;
      if (pos >= text.length() || Character.isWhitespace(text.charAt(pos))) {
        throw new QueryException("nothing to negate after '" + c + "'", at);
      }
      return new Query.Not(item());
    }
    if (c == '{') {
      int at = pos++;
      List<Query> alternatives = sequence('}');
      if (alternatives.isEmpty()) {
        throw new QueryException("empty '{}'", at);
      }
      return new Query.AnyOf(alternatives);
    }
    int start = pos;
    String word = word();
    int colon = word.indexOf(':');
    if (colon > 0 && !word.startsWith("\"")) {
      String key = word.substring(0, colon).toLowerCase(Locale.ROOT);
      String value = word.substring(colon + 1);
      if (!KEYS.contains(key)) {
        throw new QueryException("unknown term '" + key + ":' (known: " + String.join(", ", KEYS.stream().sorted().toList())
            + ")", start);
      }
      if (value.isEmpty()) {
        throw new QueryException("'" + key + ":' needs a value", start + colon + 1);
      }
      value = unquote(value);
      check(key, value, start + colon + 1);
      return new Query.Term(key, value);
    }
    return new Query.Word(unquote(word));
  }

  private void check(String key, String value, int at) {
    String v = value.toLowerCase(Locale.ROOT);
    switch (key) {
      case "is", "not" -> {
        if (!IS_VALUES.contains(v)) {
          throw new QueryException("'" + key + ":" + value + "' is not known (" + String.join(", ",
              IS_VALUES.stream().sorted().toList()) + ")", at);
        }
      }
      case "has" -> {
        if (!v.equals("replies")) {
          throw new QueryException("'has:" + value + "' is not known (replies)", at);
        }
      }
      case "age" -> {
        if (!AGE.matcher(v).matches()) {
          throw new QueryException("age wants a number and d, w, m or y, like age:<2w", at);
        }
      }
      default -> { }
    }
  }

  private String word() {
    StringBuilder b = new StringBuilder();
    boolean quoted = false;
    int start = pos;
    while (pos < text.length()) {
      char c = text.charAt(pos);
      if (c == '"') {
        quoted = !quoted;
      } else if (!quoted && (Character.isWhitespace(c) || c == '{' || c == '}')) {
        break;
      }
      b.append(c);
      pos++;
    }
    if (quoted) {
      throw new QueryException("unclosed '\"'", start);
    }
    return b.toString();
  }

  private static String unquote(String s) {
    return s.replace("\"", "");
  }

  private void skipSpace() {
    while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
      pos++;
    }
  }
}
