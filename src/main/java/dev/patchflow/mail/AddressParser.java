package dev.patchflow.mail;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parses From/To/Cc values in the forms lists carry. */
public final class AddressParser {
  private static final Pattern ANGLE = Pattern.compile("^(.*?)<([^<>]*)>.*$");
  private static final Pattern AT_FORM = Pattern.compile("^(\\S+) at (\\S+)\\s*(?:\\((.*)\\))?$");
  private static final Pattern PAREN = Pattern.compile("^(\\S+@\\S+)\\s*\\((.*)\\)$");

  private AddressParser() {}

  public static Person parse(String value) {
    String v = value == null ? "" : value.strip();
    Matcher m = ANGLE.matcher(v);
    if (m.matches()) {
      return new Person(unquote(m.group(1)), m.group(2));
    }
    m = PAREN.matcher(v);
    if (m.matches()) {
      return new Person(m.group(2), m.group(1));
    }
    m = AT_FORM.matcher(v);
    if (m.matches()) {
      return new Person(m.group(3), m.group(1) + "@" + m.group(2));
    }
    return new Person("", v);
  }

  /** Splits an address list on commas outside quotes and angle brackets. */
  public static List<Person> parseList(String value) {
    List<Person> out = new ArrayList<>();
    if (value == null) {
      return out;
    }
    StringBuilder cur = new StringBuilder();
    boolean quoted = false;
    int angle = 0;
    for (char c : value.toCharArray()) {
      if (c == '"') {
        quoted = !quoted;
      } else if (c == '<') {
        angle++;
      } else if (c == '>') {
        angle = Math.max(0, angle - 1);
      }
      if (c == ',' && !quoted && angle == 0) {
        add(out, cur);
      } else {
        cur.append(c);
      }
    }
    add(out, cur);
    return out;
  }

  private static void add(List<Person> out, StringBuilder cur) {
    if (!cur.toString().isBlank()) {
      out.add(parse(cur.toString()));
    }
    cur.setLength(0);
  }

  private static String unquote(String name) {
    String n = name.strip();
    if (n.length() >= 2 && n.startsWith("\"") && n.endsWith("\"")) {
      n = n.substring(1, n.length() - 1).replace("\\\"", "\"");
    }
    return n;
  }
}
