package dev.patchflow.store;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/** Bundles: a user's named, ordered collections of patches, public or private. */
public final class BundleRepository {
  public record Bundle(long id, long ownerId, long projectId, String name, boolean isPublic) {}

  private static final String COLUMNS = "id, owner_id, project_id, name, public FROM bundle";

  private static Bundle of(java.sql.ResultSet rs) throws java.sql.SQLException {
    return new Bundle(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getString(4), rs.getBoolean(5));
  }

  public long create(Handle h, long ownerId, long projectId, String name, boolean isPublic, List<Long> patches) {
    long id = h.createUpdate("INSERT INTO bundle (owner_id, project_id, name, public) VALUES (:o, :p, :n, :pub)")
        .bind("o", ownerId).bind("p", projectId).bind("n", name).bind("pub", isPublic)
        .executeAndReturnGeneratedKeys("id").mapTo(Long.class).one();
    setPatches(h, id, patches);
    return id;
  }

  public void update(Handle h, long id, String name, Boolean isPublic, List<Long> patches) {
    if (name != null) {
      h.createUpdate("UPDATE bundle SET name = :n WHERE id = :id").bind("n", name).bind("id", id).execute();
    }
    if (isPublic != null) {
      h.createUpdate("UPDATE bundle SET public = :p WHERE id = :id").bind("p", isPublic).bind("id", id).execute();
    }
    if (patches != null) {
      setPatches(h, id, patches);
    }
  }

  public void delete(Handle h, long id) {
    h.createUpdate("DELETE FROM bundle_patch WHERE bundle_id = :id").bind("id", id).execute();
    h.createUpdate("DELETE FROM bundle WHERE id = :id").bind("id", id).execute();
  }

  private void setPatches(Handle h, long id, List<Long> patches) {
    h.createUpdate("DELETE FROM bundle_patch WHERE bundle_id = :id").bind("id", id).execute();
    List<long[]> rows = new ArrayList<>();
    for (int i = 0; i < patches.size(); i++) {
      rows.add(new long[] {id, patches.get(i), i});
    }
    JdbcBatch.insert(h, "INSERT INTO bundle_patch (bundle_id, patch_id, position) VALUES (?, ?, ?)", rows, (ps, r) -> {
      ps.setLong(1, r[0]);
      ps.setLong(2, r[1]);
      ps.setInt(3, (int) r[2]);
    }, null);
  }

  public Optional<Bundle> byId(Handle h, long id) {
    return h.createQuery("SELECT " + COLUMNS + " WHERE id = :id").bind("id", id).map((rs, c) -> of(rs)).findOne();
  }

  /** Bundles the caller may see: public ones and their own. */
  public List<Bundle> visible(Handle h, long userId, List<Long> projects, List<Long> owners, Boolean isPublic) {
    Where w = new Where().and("(public = TRUE OR owner_id = :me)", "me", userId);
    if (!projects.isEmpty()) {
      w.andIn("project_id IN (<projects>)", "projects", projects);
    }
    if (!owners.isEmpty()) {
      w.andIn("owner_id IN (<owners>)", "owners", owners);
    }
    if (isPublic != null) {
      w.and("public = :pub", "pub", isPublic);
    }
    return w.bind(h.createQuery("SELECT " + COLUMNS + w.sql() + " ORDER BY id")).map((rs, c) -> of(rs)).list();
  }

  public Map<Long, List<Long>> patches(Handle h, List<Long> bundleIds) {
    Map<Long, List<Long>> out = new HashMap<>();
    if (!bundleIds.isEmpty()) {
      h.createQuery("SELECT bundle_id, patch_id FROM bundle_patch WHERE bundle_id IN (<ids>) ORDER BY position")
          .bindList("ids", bundleIds).map((rs, c) -> new long[] {rs.getLong(1), rs.getLong(2)})
          .forEach(r -> out.computeIfAbsent(r[0], k -> new ArrayList<>()).add(r[1]));
    }
    return out;
  }
}
