package dev.patchflow.ci;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Picks the branches a series is tested on from its tags and {@code tag_to_branch_mapping}.
 *
 * <p>The mapping is read in its own order and the first key the series carries decides, as in
 * KPD: with {@code {"bpf": [...], "bpf-next": [...]}} a series tagged both goes where "bpf" says,
 * whatever the order of its tags. Tags match exactly (case counts). Without a match, {@value
 * #DEFAULT} decides. An empty list, or no match and no default, skips the series.
 */
public final class BranchRouter {
  public static final String DEFAULT = dev.patchflow.ci.config.CiConfig.DEFAULT_TAG;

  private BranchRouter() {}

  /** Where a series goes. */
  public sealed interface Route {
    /** Try these branches in order; {@code tag} is the mapping key that decided ({@value #DEFAULT} too). */
    record Branches(String tag, List<String> branches) implements Route {
      public Branches {
        branches = List.copyOf(branches);
      }
    }

    /** Not tested; {@code reason} says why, for the log. */
    record Skip(String reason) implements Route {}
  }

  public static Route route(Set<String> tags, Map<String, List<String>> mapping) {
    for (Map.Entry<String, List<String>> e : mapping.entrySet()) {
      if (!e.getKey().equals(DEFAULT) && tags.contains(e.getKey())) {
        return decided(e.getKey(), e.getValue());
      }
    }
    List<String> fallback = mapping.get(DEFAULT);
    if (fallback == null) {
      return new Route.Skip("no tag of the series is in tag_to_branch_mapping, which has no " + DEFAULT);
    }
    return decided(DEFAULT, fallback);
  }

  private static Route decided(String tag, List<String> branches) {
    if (branches == null || branches.isEmpty()) {
      return new Route.Skip("tag '" + tag + "' maps to no branch");
    }
    return new Route.Branches(tag, branches);
  }
}
