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

  public List<ProjectDetails> details(Handle h) {
    return h.createQuery("SELECT " + ProjectDetails.COLUMNS + " ORDER BY id").map((rs, ctx) -> ProjectDetails.of(rs)).list();
  }

  /** A project by id, or by name (Patchwork's linkname). */
  public Optional<ProjectDetails> details(Handle h, String idOrName) {
    if (idOrName.matches("\\d{1,18}")) {
      Optional<ProjectDetails> byId = h.createQuery("SELECT " + ProjectDetails.COLUMNS + " WHERE id = :id")
          .bind("id", Long.parseLong(idOrName)).map((rs, ctx) -> ProjectDetails.of(rs)).findOne();
      if (byId.isPresent()) {
        return byId;
      }
    }
    return h.createQuery("SELECT " + ProjectDetails.COLUMNS + " WHERE name = :n").bind("n", idOrName)
        .map((rs, ctx) -> ProjectDetails.of(rs)).findOne();
  }

  /** Sets the URLs shown for a project (from configuration). */
  public void describe(Handle h, long id, String webUrl, String scmUrl, String webscmUrl, String listArchiveUrl,
      String listArchiveUrlFormat, String commitUrlFormat) {
    h.createUpdate("UPDATE project SET web_url = :w, scm_url = :s, webscm_url = :ws, list_archive_url = :la, "
            + "list_archive_url_format = :laf, commit_url_format = :cf WHERE id = :id")
        .bind("w", webUrl).bind("s", scmUrl).bind("ws", webscmUrl).bind("la", listArchiveUrl)
        .bind("laf", listArchiveUrlFormat).bind("cf", commitUrlFormat).bind("id", id).execute();
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
