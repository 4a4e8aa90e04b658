package dev.patchflow.backport;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Photon's {@code patch_routing.skills} file as it is: one rule a line,
 * {@code <sha-prefix>|<targets>|<description>}; blank lines and {@code #} comments are skipped.
 * A bad line is a {@link RulesException} naming the file and the line number.
 */
public final class RoutingRules {
  /** One line of the file. */
  public record Rule(int line, String shaPrefix, Targets targets, String description) {
    boolean matches(String sha) {
      return sha.toLowerCase(Locale.ROOT).startsWith(shaPrefix);
    }
  }

  /** The rules file cannot be used; the message names the file and line. */
  public static final class RulesException extends Exception {
    public RulesException(String message) {
      super(message);
    }
  }

  private final String file;
  private final List<Rule> rules;

  private RoutingRules(String file, List<Rule> rules) {
    this.file = file;
    this.rules = List.copyOf(rules);
  }

  public static RoutingRules empty() {
    return new RoutingRules("(no rules file)", List.of());
  }

  public static RoutingRules parse(String fileName, String text, Flavours flavours) throws RulesException {
    List<Rule> rules = new ArrayList<>();
    Map<String, Integer> seen = new HashMap<>();
    String[] lines = text.split("\r?\n", -1);
    for (int i = 0; i < lines.length; i++) {
      int lineNo = i + 1;
      String line = lines[i].strip();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      String[] fields = line.split("\\|", 3);
      if (fields.length < 3) {
        throw error(fileName, lineNo, "want <sha-prefix>|<targets>|<description>, got: " + line);
      }
      String prefix = fields[0].strip().toLowerCase(Locale.ROOT);
      if (!prefix.matches("[0-9a-z]+")) {
        throw error(fileName, lineNo, "bad commit prefix '" + fields[0].strip() + "'");
      }
      Targets targets;
      try {
        targets = Targets.parse(fields[1], flavours);
      } catch (IllegalArgumentException e) {
        throw error(fileName, lineNo, e.getMessage());
      }
      Integer before = seen.putIfAbsent(prefix, lineNo);
      if (before != null) {
        // The second line could never win; saying so beats silently ignoring it.
        throw error(fileName, lineNo, "commit prefix " + prefix + " already has a rule on line " + before);
      }
      rules.add(new Rule(lineNo, prefix, targets, fields[2].strip()));
    }
    return new RoutingRules(fileName, rules);
  }

  private static RulesException error(String file, int line, String message) {
    return new RulesException(file + ":" + line + ": " + message);
  }

  public String file() {
    return file;
  }

  public List<Rule> rules() {
    return rules;
  }

  /** The first rule whose prefix starts the commit id. */
  public Optional<Rule> find(String sha) {
    return rules.stream().filter(r -> r.matches(sha)).findFirst();
  }
}
