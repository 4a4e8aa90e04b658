package dev.patchflow.store;

import java.time.Instant;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/** The last imported commit of each public-inbox epoch, keyed by the epoch repository's path. */
public final class PublicInboxRepository {
  public Optional<String> lastCommit(Handle h, String repo) {
    return h.createQuery("SELECT last_commit FROM public_inbox_epoch WHERE repo = :repo")
        .bind("repo", repo).mapTo(String.class).findOne();
  }

  public void setLastCommit(Handle h, String repo, String commit, Instant now) {
    // UPDATE, then INSERT: the one upsert H2 (PostgreSQL mode) and PostgreSQL both speak.
    int updated = h.createUpdate("UPDATE public_inbox_epoch SET last_commit = :commit, updated_at = :now WHERE repo = :repo")
        .bind("repo", repo).bind("commit", commit).bind("now", Sql.time(now)).execute();
    if (updated == 0) {
      h.createUpdate("INSERT INTO public_inbox_epoch (repo, last_commit, updated_at) VALUES (:repo, :commit, :now)")
          .bind("repo", repo).bind("commit", commit).bind("now", Sql.time(now)).execute();
    }
  }
}
