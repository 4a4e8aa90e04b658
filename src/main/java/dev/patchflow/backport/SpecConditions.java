package dev.patchflow.backport;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The spec as rpm would see it on one architecture when {@code rpmspec} is not there: the lines
 * of false {@code %if}/{@code %ifarch} branches dropped, as {@code rpmspec -P} drops them. Only
 * what kernel specs use is understood: {@code %ifarch}/{@code %ifnarch}, and {@code %if} over
 * {@code %{?name}}, {@code %{?name:X}}, {@code %{!?name:X}}, {@code %{name}}, numbers, quoted
 * strings, comparisons, {@code && || !} and parentheses. Macros come from {@code %define}/
 * {@code %global} lines in live branches and the given defaults; an expression that still cannot
 * be read counts as false and is noted.
 */
public final class SpecConditions {
  private static final Pattern IF = Pattern.compile("^%(if|ifarch|ifnarch|ifos|ifnos)\\b\\s*(.*)$");
  private static final Pattern ELIF = Pattern.compile("^%elif\\b\\s*(.*)$");
  private static final Pattern DEFINE = Pattern.compile("^%(?:define|global)\\s+(\\w+)(?:\\([^)]*\\))?\\s+(.*?)\\s*$");
  private static final Pattern UNDEFINE = Pattern.compile("^%undefine\\s+(\\w+)");
  private static final Pattern MACRO = Pattern.compile("%\\{(!?\\??)(\\w+)(?::([^{}]*))?}|%(\\w+)");

  /** The live lines, and what could not be evaluated (line numbers 1-based). */
  public record Result(SpecFile spec, List<String> notes) {}

  private final String arch;
  private final Map<String, String> macros = new HashMap<>();
  private final List<String> notes = new ArrayList<>();

  private SpecConditions(String arch, Map<String, String> defaults) {
    this.arch = arch;
    macros.putAll(defaults);
    macros.putIfAbsent("_arch", arch);
    macros.putIfAbsent("_target_cpu", arch);
  }

  /** Resolves the spec's conditionals for {@code arch} (e.g. x86_64) with these macros defined. */
  public static Result resolve(SpecFile spec, String arch, Map<String, String> defaults) {
    return new SpecConditions(arch, defaults).run(spec);
  }

  private Result run(SpecFile spec) {
    // Each open %if: whether this branch is live, and whether an earlier branch already was.
    Deque<boolean[]> open = new ArrayDeque<>();
    List<String> out = new ArrayList<>();
    List<String> lines = spec.lines();
    for (int i = 0; i < lines.size(); i++) {
      String l = lines.get(i);
      String t = l.strip();
      boolean live = open.stream().allMatch(f -> f[0]);
      Matcher m = IF.matcher(t);
      if (m.matches()) {
        boolean v = live && test(m.group(1), m.group(2), i);
        open.push(new boolean[] {v, v});
        continue;
      }
      Matcher e = ELIF.matcher(t);
      if (e.matches() && !open.isEmpty()) {
        boolean[] top = open.pop();
        boolean outer = open.stream().allMatch(f -> f[0]);
        boolean v = outer && !top[1] && test("if", e.group(1), i);
        open.push(new boolean[] {v, top[1] || v});
        continue;
      }
      if ((t.equals("%else") || t.startsWith("%else ")) && !open.isEmpty()) {
        boolean[] top = open.pop();
        open.push(new boolean[] {!top[1], true});
        continue;
      }
      if ((t.equals("%endif") || t.startsWith("%endif ")) && !open.isEmpty()) {
        open.pop();
        continue;
      }
      if (!live) {
        continue;
      }
      Matcher d = DEFINE.matcher(t);
      if (d.matches()) {
        macros.put(d.group(1), d.group(2));
      }
      Matcher u = UNDEFINE.matcher(t);
      if (u.find()) {
        macros.remove(u.group(1));
      }
      // A pushd folder names where patches go; expanded so it reads as rpm would run it.
      out.add(t.startsWith("pushd ") ? expand(l) : l);
    }
    return new Result(SpecFile.parse(spec.name(), String.join("\n", out) + "\n"), List.copyOf(notes));
  }

  private boolean test(String kind, String args, int line) {
    if (kind.equals("ifarch") || kind.equals("ifnarch")) {
      boolean any = List.of(expand(args).split("[\\s,]+")).contains(arch);
      return kind.equals("ifarch") == any;
    }
    if (kind.equals("ifos") || kind.equals("ifnos")) {
      boolean any = List.of(expand(args).split("[\\s,]+")).contains("linux");
      return kind.equals("ifos") == any;
    }
    try {
      return new Expr(expand(args)).value() != 0;
    } catch (IllegalArgumentException ex) {
      notes.add("line " + (line + 1) + ": cannot evaluate %if " + args.strip() + " (taken as false)");
      return false;
    }
  }

  /** Expands the macro forms conditions use; unknown plain macros are left as they are. */
  String expand(String text) {
    String v = text;
    for (int round = 0; round < 8 && v.contains("%"); round++) {
      Matcher m = MACRO.matcher(v);
      StringBuilder sb = new StringBuilder();
      boolean changed = false;
      while (m.find()) {
        String rep;
        if (m.group(4) != null) {
          rep = macros.get(m.group(4));
        } else {
          String flags = m.group(1);
          String value = macros.get(m.group(2));
          boolean defined = value != null;
          if (flags.isEmpty()) {
            rep = value;
          } else if (flags.equals("?")) {
            rep = m.group(3) != null ? (defined ? m.group(3) : "") : (defined ? value : "");
          } else {
            rep = defined ? "" : (m.group(3) != null ? m.group(3) : "");
          }
        }
        changed |= rep != null;
        m.appendReplacement(sb, Matcher.quoteReplacement(rep != null ? rep : m.group()));
      }
      m.appendTail(sb);
      v = sb.toString();
      if (!changed) {
        break;
      }
    }
    return v;
  }

  /** rpm's %if expressions: integers and strings, comparisons, ! && || and parentheses. */
  private static final class Expr {
    private final String s;
    private int pos;

    Expr(String s) {
      this.s = s.strip();
    }

    long value() {
      Object v = or();
      skip();
      if (pos != s.length()) {
        throw new IllegalArgumentException("trailing text");
      }
      return truth(v);
    }

    private Object or() {
      Object l = and();
      while (eat("||")) {
        Object r = and();
        l = truth(l) != 0 || truth(r) != 0 ? 1L : 0L;
      }
      return l;
    }

    private Object and() {
      Object l = compare();
      while (eat("&&")) {
        Object r = compare();
        l = truth(l) != 0 && truth(r) != 0 ? 1L : 0L;
      }
      return l;
    }

    private Object compare() {
      Object l = unary();
      for (String op : List.of("==", "!=", "<=", ">=", "<", ">")) {
        if (eat(op)) {
          Object r = unary();
          int c = l instanceof Long a && r instanceof Long b ? Long.compare(a, b) : String.valueOf(l).compareTo(String.valueOf(r));
          boolean b = switch (op) {
            case "==" -> c == 0;
            case "!=" -> c != 0;
            case "<=" -> c <= 0;
            case ">=" -> c >= 0;
            case "<" -> c < 0;
            default -> c > 0;
          };
          return b ? 1L : 0L;
        }
      }
      return l;
    }

    private Object unary() {
      skip();
      if (eat("!")) {
        return truth(unary()) == 0 ? 1L : 0L;
      }
      if (eat("(")) {
        Object v = or();
        if (!eat(")")) {
          throw new IllegalArgumentException("no )");
        }
        return v;
      }
      if (pos < s.length() && s.charAt(pos) == '"') {
        int end = s.indexOf('"', pos + 1);
        if (end < 0) {
          throw new IllegalArgumentException("no closing quote");
        }
        String str = s.substring(pos + 1, end);
        pos = end + 1;
        return str;
      }
      int start = pos;
      while (pos < s.length() && Character.isDigit(s.charAt(pos))) {
        pos++;
      }
      if (start == pos) {
        throw new IllegalArgumentException("not a number at " + start);
      }
      return Long.parseLong(s.substring(start, pos));
    }

    private static long truth(Object v) {
      return v instanceof Long l ? l : (((String) v).isEmpty() ? 0 : 1);
    }

    private boolean eat(String token) {
      skip();
      if (s.startsWith(token, pos)) {
        pos += token.length();
        return true;
      }
      return false;
    }

    private void skip() {
      while (pos < s.length() && Character.isWhitespace(s.charAt(pos))) {
        pos++;
      }
    }
  }
}
