package dev.patchflow.store;

import java.time.Instant;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/** The UID bookkeeping of IMAP importers: per (source, folder), UIDVALIDITY and the last committed UID. */
public final class ImapFolderRepository {
  /** UIDVALIDITY and last committed UID of one folder. */
  public record Row(long uidValidity, long lastUid) {}

  public Optional<Row> find(Handle h, String source, String folder) {
    return h.createQuery("SELECT uidvalidity, last_uid FROM imap_folder WHERE source = :s AND folder = :f")
        .bind("s", source).bind("f", folder)
        .map((rs, ctx) -> new Row(rs.getLong(1), rs.getLong(2))).findOne();
  }

  public void save(Handle h, String source, String folder, long uidValidity, long lastUid, Instant now) {
    int updated = h.createUpdate("UPDATE imap_folder SET uidvalidity = :v, last_uid = :u, updated_at = :t "
            + "WHERE source = :s AND folder = :f")
        .bind("s", source).bind("f", folder).bind("v", uidValidity).bind("u", lastUid).bind("t", now).execute();
    if (updated == 0) {
      h.createUpdate("INSERT INTO imap_folder (source, folder, uidvalidity, last_uid, updated_at) "
              + "VALUES (:s, :f, :v, :u, :t)")
          .bind("s", source).bind("f", folder).bind("v", uidValidity).bind("u", lastUid).bind("t", now).execute();
    }
  }
}
