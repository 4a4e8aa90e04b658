package dev.patchflow.backport;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Decides which spec files of a kernel line get a commit: a rules-file line naming the commit
 * wins, then the first matching path rule, then all flavours.
 */
public final class Router {
  private final RoutingRules rules;
  private final PathRules paths;
  private final Flavours flavours;

  public Router(RoutingRules rules, PathRules paths, Flavours flavours) {
    this.rules = rules;
    this.paths = paths;
    this.flavours = flavours;
  }

  /**
   * @param sha the upstream commit id
   * @param touched the paths its diff touches
   * @param available the flavours this kernel line has a spec file for
   */
  public Route route(String sha, List<String> touched, Set<String> available) {
    Optional<RoutingRules.Rule> rule = rules.find(sha);
    Targets targets;
    String reason;
    if (rule.isPresent()) {
      targets = rule.get().targets();
      reason = rules.file() + " line " + rule.get().line() + " (" + targets + ")";
    } else {
      Optional<PathRules.Match> match = paths.find(touched);
      if (match.isPresent()) {
        targets = match.get().rule().targets();
        reason = "path rule " + match.get().rule().glob() + " matches " + match.get().path() + " (" + targets + ")";
      } else {
        targets = Targets.ALL;
        reason = "default (all)";
      }
    }
    if (targets.none()) {
      return new Route.Skip("routing_none", reason, List.of());
    }
    List<String> chosen = new ArrayList<>();
    List<String> warnings = new ArrayList<>();
    for (String name : flavours.specs().keySet()) {
      boolean wanted = targets.all() || targets.names().contains(name);
      if (!wanted) {
        continue;
      }
      if (available.contains(name)) {
        chosen.add(name);
      } else if (!targets.all()) {
        warnings.add(name + ": this line has no " + flavours.spec(name) + ", skipped");
      }
    }
    if (chosen.isEmpty()) {
      return new Route.Skip("no_target_spec", reason + "; no target spec on this line", warnings);
    }
    return new Route.To(chosen, chosen.stream().map(flavours::spec).toList(), reason, warnings);
  }
}
