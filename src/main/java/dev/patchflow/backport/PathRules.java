package dev.patchflow.backport;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * Routing by the paths a patch touches, used when no rules-file line names the commit. Rules are
 * tried in order; the first whose glob matches any touched path wins. In a glob {@code *} matches
 * any run of characters, slashes included ({@code drivers/gpu/*} covers the whole subtree), and
 * {@code ?} one character.
 */
public final class PathRules {
  /** One glob and where patches touching it go. */
  public record PathRule(String glob, Targets targets) {
    boolean matches(String path) {
      return COMPILED.computeIfAbsent(glob, PathRules::toRegex).matcher(path).matches();
    }
  }

  /** Globs as regexes, compiled once each rather than once per path looked at (a few per config). */
  private static final Map<String, Pattern> COMPILED = new ConcurrentHashMap<>();

  /** The rule that matched and the path it matched. */
  public record Match(PathRule rule, String path) {}

  private final List<PathRule> rules;

  public PathRules(List<PathRule> rules) {
    this.rules = List.copyOf(rules);
  }

  /** Photon's shipped defaults: GPU to base only, hypervisor code to base and esx, rt scheduler to base and rt. */
  public static PathRules defaults(Flavours flavours) {
    List<PathRule> r = new ArrayList<>();
    r.add(new PathRule("drivers/gpu/*", Targets.parse("base", flavours)));
    Targets baseEsx = Targets.parse("base,esx", flavours);
    r.add(new PathRule("arch/x86/kvm/*", baseEsx));
    r.add(new PathRule("drivers/hyperv/*", baseEsx));
    r.add(new PathRule("drivers/vmw/*", baseEsx));
    r.add(new PathRule("drivers/xen/*", baseEsx));
    r.add(new PathRule("kernel/sched/*rt*", Targets.parse("base,rt", flavours)));
    return new PathRules(r);
  }

  public List<PathRule> rules() {
    return rules;
  }

  public Optional<Match> find(List<String> touched) {
    for (PathRule rule : rules) {
      for (String path : touched) {
        if (rule.matches(path)) {
          return Optional.of(new Match(rule, path));
        }
      }
    }
    return Optional.empty();
  }

  static Pattern toRegex(String glob) {
    StringBuilder re = new StringBuilder();
    for (char c : glob.toCharArray()) {
      if (c == '*') {
        re.append(".*");
      } else if (c == '?') {
        re.append('.');
      } else {
        re.append(Pattern.quote(String.valueOf(c)));
      }
    }
    return Pattern.compile(re.toString());
  }
}
