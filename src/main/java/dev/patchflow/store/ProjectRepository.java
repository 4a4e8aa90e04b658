package dev.patchflow.store;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/** Projects by name; created on first use. */
public final class ProjectRepository {
  public Optional<Project> byName(Handle h, String name) {
    return h.createQuery("SELECT id, name, list_id, list_email FROM project WHERE name = :name")
        .bind("name", name)
        .map((rs, ctx) -> new Project(rs.getLong("id"), rs.getString("name"), rs.getString("list_id"), rs.getString("list_email")))
        .findOne();
  }

  public List<Project> all(Handle h) {
    return h.createQuery("SELECT id, name, list_id, list_email FROM project ORDER BY name")
        .map((rs, ctx) -> new Project(rs.getLong("id"), rs.getString("name"), rs.getString("list_id"), rs.getString("list_email")))
        .list();
  }

  /**
   * Locks projects (in id order, so two lockers cannot deadlock) until the transaction ends.
   * Importers hold it while linking mail so link order is commit order, which is what lets
   * threading record how far it got with one number.
   */
  public void lock(Handle h, java.util.Collection<Long> ids) {
    if (!ids.isEmpty()) {
      h.createQuery("SELECT id FROM project WHERE id IN (<ids>) ORDER BY id FOR UPDATE")
          .bindList("ids", new java.util.ArrayList<>(ids)).mapTo(Long.class).list();
    }
  }

  /** The project with this name, created (with the list it is fed by) if new. */
  public Project ensure(Handle h, String name, String listIdAsSent, String listEmailAsSent) {
    String listId = Sql.text(listIdAsSent, 255);
    String listEmail = Sql.text(listEmailAsSent, 255);
    Optional<Project> found = byName(h, name);
    if (found.isPresent()) {
      Project p = found.get();
      if ((listId != null && !listId.equals(p.listId())) || (listEmail != null && !listEmail.equals(p.listEmail()))) {
        h.createUpdate("UPDATE project SET list_id = :l, list_email = :e WHERE id = :id")
            .bind("l", listId).bind("e", listEmail).bind("id", p.id()).execute();
        return new Project(p.id(), name, listId, listEmail);
      }
      return p;
    }
    long id = h.createUpdate("INSERT INTO project (name, list_id, list_email, created_at) VALUES (:n, :l, :e, :t)")
        .bind("n", name).bind("l", listId).bind("e", listEmail).bind("t", Sql.time(Instant.now()))
        .executeAndReturnGeneratedKeys("id").mapTo(Long.class).one();
    return new Project(id, name, listId, listEmail);
  }
}
