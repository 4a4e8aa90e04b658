package dev.patchflow.store;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/** CI and test results attached to patches (Patchwork's checks). */
public final class CheckRepository {
  public record Check(long id, long patchId, long userId, String username, Instant date, String state, String targetUrl,
      String context, String description) {}

  private static final String COLUMNS = "c.id, c.patch_id, c.user_id, u.username, c.created_at, c.state, c.target_url, "
      + "c.context, c.description FROM patch_check c JOIN app_user u ON u.id = c.user_id";

  private static Check of(java.sql.ResultSet rs) throws java.sql.SQLException {
    return new Check(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getString(4), Sql.instant(rs, "created_at"),
        rs.getString(6), rs.getString(7), rs.getString(8), rs.getString(9));
  }

  public long add(Handle h, long patchId, long userId, Instant now, String state, String targetUrl, String context,
      String description) {
    return h.createUpdate("INSERT INTO patch_check (patch_id, user_id, created_at, state, target_url, context, "
            + "description) VALUES (:p, :u, :t, :s, :url, :c, :d)")
        .bind("p", patchId).bind("u", userId).bind("t", Sql.time(now)).bind("s", state)
        .bind("url", Sql.text(targetUrl, 2000)).bind("c", context).bind("d", Sql.text(description, 4000))
        .executeAndReturnGeneratedKeys("id").mapTo(Long.class).one();
  }

  /** Checks of one patch, oldest first, optionally filtered. */
  public List<Check> forPatch(Handle h, long patchId, List<Long> users, List<String> states, List<String> contexts,
      Instant since, Instant before) {
    Where w = new Where().and("c.patch_id = :p", "p", patchId);
    if (!users.isEmpty()) {
      w.andIn("c.user_id IN (<users>)", "users", users);
    }
    if (!states.isEmpty()) {
      w.andIn("c.state IN (<states>)", "states", states);
    }
    if (!contexts.isEmpty()) {
      w.andIn("c.context IN (<contexts>)", "contexts", contexts);
    }
    if (since != null) {
      w.and("c.created_at >= :since", "since", Sql.time(since));
    }
    if (before != null) {
      w.and("c.created_at < :before", "before", Sql.time(before));
    }
    return w.bind(h.createQuery("SELECT " + COLUMNS + w.sql() + " ORDER BY c.id")).map((rs, ctx) -> of(rs)).list();
  }

  public Optional<Check> byId(Handle h, long patchId, long checkId) {
    return h.createQuery("SELECT " + COLUMNS + " WHERE c.id = :c AND c.patch_id = :p").bind("c", checkId)
        .bind("p", patchId).map((rs, ctx) -> of(rs)).findOne();
  }

  /** Every check of these patches, oldest first, by patch. */
  public Map<Long, List<Check>> forPatches(Handle h, List<Long> patchIds) {
    Map<Long, List<Check>> out = new HashMap<>();
    if (!patchIds.isEmpty()) {
      h.createQuery("SELECT " + COLUMNS + " WHERE c.patch_id IN (<ids>) ORDER BY c.id").bindList("ids", patchIds)
          .map((rs, ctx) -> of(rs)).forEach(c -> out.computeIfAbsent(c.patchId(), k -> new ArrayList<>()).add(c));
    }
    return out;
  }

  /**
   * Patchwork's combined state: the worst of the latest check per (user, context), where
   * fail > warning > pending > success; pending when there are none.
   */
  public static String combined(List<Check> checks) {
    Map<String, Check> latest = new HashMap<>();
    for (Check c : checks) {
      latest.put(c.userId() + "|" + c.context(), c); // oldest first: later ones replace
    }
    if (latest.isEmpty()) {
      return "pending";
    }
    List<String> worstFirst = List.of("fail", "warning", "pending", "success");
    return latest.values().stream().map(Check::state).min(java.util.Comparator.comparingInt(worstFirst::indexOf))
        .orElse("pending");
  }
}
