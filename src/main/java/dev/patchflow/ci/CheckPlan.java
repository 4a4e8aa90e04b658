package dev.patchflow.ci;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Decides which checks to post, so a pass posts only what changed: Patchwork keeps every check
 * ever posted, and a check re-posted each pass buries the history.
 */
public final class CheckPlan {
  /** Where a check was posted: a patch and a context. */
  public record Key(long patchId, String context) {}

  /** A check to post on a patch. */
  public record Post(long patchId, PwCheck check) {}

  private CheckPlan() {}

  /**
   * Whether {@code next} should be posted after {@code last} (null: nothing posted yet). Not when
   * nothing changed (state, target and description are the same), and never from a conclusive
   * state back to pending: a result stays until the next result replaces it.
   */
  public static boolean shouldPost(PwCheck last, PwCheck next) {
    if (last == null) {
      return true;
    }
    if (last.state().conclusive() && next.state() == CheckState.PENDING) {
      return false;
    }
    return last.state() != next.state() || !Objects.equals(last.targetUrl(), next.targetUrl())
        || !Objects.equals(last.description(), next.description());
  }

  /** The checks of {@code wanted} to post on each of {@code patchIds}, given the last posted ones. */
  public static List<Post> plan(Map<Key, PwCheck> lastPosted, List<Long> patchIds, List<PwCheck> wanted) {
    List<Post> out = new ArrayList<>();
    for (long id : patchIds) {
      for (PwCheck c : wanted) {
        if (shouldPost(lastPosted.get(new Key(id, c.context())), c)) {
          out.add(new Post(id, c));
        }
      }
    }
    return out;
  }
}
