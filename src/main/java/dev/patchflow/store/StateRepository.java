package dev.patchflow.store;

import java.util.List;
import org.jdbi.v3.core.Handle;

/** Patch states: Patchwork's ten defaults (ids 1-10) and any a project adds. */
public final class StateRepository {
  public record State(int id, Long projectId, String slug, String name, boolean actionRequired) {}

  public static final int NEW = 1;
  public static final int SUPERSEDED = 9;

  /** The states a project's patches may take: the defaults and its own. */
  public List<State> forProject(Handle h, long projectId) {
    return h.createQuery("SELECT id, project_id, slug, name, action_required FROM patch_state "
            + "WHERE project_id IS NULL OR project_id = :p ORDER BY id")
        .bind("p", projectId)
        .map((rs, ctx) -> new State(rs.getInt(1), Sql.longOrNull(rs, "project_id"), rs.getString(3), rs.getString(4),
            rs.getBoolean(5)))
        .list();
  }

  public List<State> all(Handle h) {
    return h.createQuery("SELECT id, project_id, slug, name, action_required FROM patch_state ORDER BY id")
        .map((rs, ctx) -> new State(rs.getInt(1), Sql.longOrNull(rs, "project_id"), rs.getString(3), rs.getString(4),
            rs.getBoolean(5)))
        .list();
  }

  /**
   * Makes a state from the configuration exist with this id, slug and name: instance-wide when
   * {@code projectId} is null, else for that project only.
   */
  public void ensure(Handle h, Long projectId, int id, String slug, String name) {
    int changed = h.createUpdate("UPDATE patch_state SET slug = :s, name = :n, project_id = :p WHERE id = :id")
        .bind("id", id).bind("s", slug).bind("n", name).bind("p", projectId).execute();
    if (changed == 0) {
      h.createUpdate("INSERT INTO patch_state (id, project_id, slug, name, action_required) VALUES (:id, :p, :s, :n, FALSE)")
          .bind("id", id).bind("p", projectId).bind("s", slug).bind("n", name).execute();
    }
  }

  /** Adds a state for one project, after the defaults' ids. */
  public int add(Handle h, long projectId, String slug, String name) {
    int id = Math.max(100, h.createQuery("SELECT COALESCE(MAX(id), 0) + 1 FROM patch_state").mapTo(Integer.class).one());
    h.createUpdate("INSERT INTO patch_state (id, project_id, slug, name, action_required) VALUES (:id, :p, :s, :n, FALSE)")
        .bind("id", id).bind("p", projectId).bind("s", slug).bind("n", name).execute();
    return id;
  }
}
