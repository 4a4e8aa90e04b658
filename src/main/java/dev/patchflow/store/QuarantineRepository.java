package dev.patchflow.store;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/** Mail that could not be parsed: kept byte for byte, once, with why. */
public final class QuarantineRepository {
  /** Keeps the mail unless the same bytes are already kept; true when it was new. */
  public boolean add(Handle h, byte[] raw, String rawSha256, String origin, String reason, Instant now) {
    boolean known = h.createQuery("SELECT COUNT(*) FROM quarantine WHERE raw_sha256 = :sha")
        .bind("sha", rawSha256).mapTo(Integer.class).one() > 0;
    if (known) {
      return false;
    }
    h.createUpdate("INSERT INTO quarantine (raw_sha256, origin, reason, received_at, raw) "
            + "VALUES (:sha, :origin, :reason, :now, :raw)")
        .bind("sha", rawSha256).bind("origin", Sql.text(origin, 2000)).bind("reason", Sql.text(reason, 4000))
        .bind("now", Sql.time(now)).bind("raw", raw).execute();
    return true;
  }

  public List<QuarantinedMail> list(Handle h) {
    return h.createQuery("SELECT id, origin, reason, received_at, raw FROM quarantine ORDER BY id")
        .map((rs, ctx) -> new QuarantinedMail(rs.getLong("id"), rs.getString("origin"), rs.getString("reason"),
            Sql.instant(rs, "received_at"), rs.getBytes("raw").length))
        .list();
  }

  public Optional<byte[]> raw(Handle h, long id) {
    return h.createQuery("SELECT raw FROM quarantine WHERE id = :id").bind("id", id)
        .map((rs, ctx) -> rs.getBytes(1)).findOne();
  }

  public long count(Handle h) {
    return h.createQuery("SELECT COUNT(*) FROM quarantine").mapTo(Long.class).one();
  }
}
