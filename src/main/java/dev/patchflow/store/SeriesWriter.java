package dev.patchflow.store;

import dev.patchflow.series.Reply;
import dev.patchflow.series.Series;
import dev.patchflow.series.SeriesPatch;
import dev.patchflow.series.SeriesTrailer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.PreparedBatch;

/**
 * Writes a project's threading result: series that did not change are not touched, changed
 * ones are rewritten, vanished ones deleted; ids stay stable ({@link SeriesMatcher}).
 */
public final class SeriesWriter {
  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(SeriesWriter.class);
  private record Stored(long id, String fingerprint, Long previousId, Long nextId, boolean complete) {}

  private final ThreadingEvents events = new ThreadingEvents();

  public ThreadingResult replace(Handle h, long projectId, List<Series> series, Map<String, Long> idOfMsgid, Instant now) {
    Map<String, Long> storedByAnchor = new HashMap<>();
    Map<Long, Stored> stored = new HashMap<>();
    h.createQuery("SELECT id, anchor, fingerprint, previous_id, next_id, complete FROM series WHERE project_id = :p")
        .bind("p", projectId)
        .map((rs, ctx) -> {
          Stored s = new Stored(rs.getLong("id"), rs.getString("fingerprint"),
              Sql.longOrNull(rs, "previous_id"), Sql.longOrNull(rs, "next_id"), rs.getBoolean("complete"));
          storedByAnchor.put(rs.getString("anchor"), s.id());
          return s;
        })
        .forEach(s -> stored.put(s.id(), s));
    Map<Long, Long> storedSeriesOfMessage = new HashMap<>();
    h.createQuery("SELECT sm.message_id, sm.series_id FROM series_member sm JOIN series s ON s.id = sm.series_id "
            + "WHERE s.project_id = :p")
        .bind("p", projectId)
        .map((rs, ctx) -> Map.entry(rs.getLong(1), rs.getLong(2)))
        .forEach(e -> storedSeriesOfMessage.put(e.getKey(), e.getValue()));

    Map<String, List<Long>> memberIds = new HashMap<>();
    for (Series s : series) {
      memberIds.put(s.anchor(), s.members().stream().map(idOfMsgid::get).toList());
    }
    SeriesMatcher.Result match = SeriesMatcher.match(series, memberIds, storedSeriesOfMessage, storedByAnchor);

    for (long gone : match.dropped()) {
      h.createUpdate("UPDATE series SET previous_id = NULL WHERE previous_id = :id").bind("id", gone).execute();
      h.createUpdate("UPDATE series SET next_id = NULL WHERE next_id = :id").bind("id", gone).execute();
      h.createUpdate("DELETE FROM series_member WHERE series_id = :id").bind("id", gone).execute();
      h.createUpdate("DELETE FROM series_trailer WHERE series_id = :id").bind("id", gone).execute();
      h.createUpdate("DELETE FROM series WHERE id = :id").bind("id", gone).execute();
    }
    int unchanged = 0;
    Map<String, Long> idOfAnchor = new HashMap<>();
    List<Series> inserts = new ArrayList<>();
    List<Series> updates = new ArrayList<>();
    Map<Series, String> fingerprints = new HashMap<>();
    for (Series s : series) {
      String fp = fingerprint(s);
      fingerprints.put(s, fp);
      Long id = match.keptByAnchor().get(s.anchor());
      if (id == null) {
        inserts.add(s);
      } else if (fp.equals(stored.get(id).fingerprint())) {
        unchanged++;
        idOfAnchor.put(s.anchor(), id);
      } else {
        updates.add(s);
        idOfAnchor.put(s.anchor(), id);
      }
    }
    if (!inserts.isEmpty()) {
      PreparedBatch batch = h.prepareBatch("INSERT INTO series (project_id, anchor, name, version, total, received, "
          + "complete, submitter_name, submitter_email, sent_at, cover_id, fingerprint, created_at, updated_at) VALUES "
          + "(:project, :anchor, :name, :version, :total, :received, :complete, :sname, :semail, :sent, :cover, "
          + ":fp, :now, :now)");
      for (Series s : inserts) {
        bindRow(batch.bind("project", projectId), s, fingerprints.get(s), idOfMsgid, now).add();
      }
      List<Long> ids = batch.executePreparedBatch("id").mapTo(Long.class).list();
      for (int i = 0; i < inserts.size(); i++) {
        idOfAnchor.put(inserts.get(i).anchor(), ids.get(i));
      }
    }
    if (!updates.isEmpty()) {
      PreparedBatch batch = h.prepareBatch("UPDATE series SET anchor = :anchor, name = :name, version = :version, "
          + "total = :total, received = :received, complete = :complete, submitter_name = :sname, "
          + "submitter_email = :semail, sent_at = :sent, cover_id = :cover, fingerprint = :fp, updated_at = :now "
          + "WHERE id = :id");
      List<Long> ids = new ArrayList<>();
      for (Series s : updates) {
        long id = idOfAnchor.get(s.anchor());
        ids.add(id);
        bindRow(batch.bind("id", id), s, fingerprints.get(s), idOfMsgid, now).add();
      }
      batch.execute();
      for (int i = 0; i < ids.size(); i += 500) {
        List<Long> chunk = ids.subList(i, Math.min(ids.size(), i + 500));
        h.createUpdate("DELETE FROM series_member WHERE series_id IN (<ids>)").bindList("ids", chunk).execute();
        h.createUpdate("DELETE FROM series_trailer WHERE series_id IN (<ids>)").bindList("ids", chunk).execute();
      }
    }
    List<Series> rewritten = new ArrayList<>(inserts);
    rewritten.addAll(updates);
    for (int i = 0; i < rewritten.size(); i++) {
      Series s = rewritten.get(i);
      LOG.atInfo().addKeyValue("series", idOfAnchor.get(s.anchor())).addKeyValue("project", projectId)
          .addKeyValue("version", s.version()).addKeyValue("received", s.received()).addKeyValue("total", s.total())
          .addKeyValue("complete", s.complete()).addKeyValue("name", s.name())
          .log(i < inserts.size() ? "series created" : "series updated");
    }
    for (long gone : match.dropped()) {
      LOG.atInfo().addKeyValue("series", gone).addKeyValue("project", projectId).log("series merged into another");
    }
    writeMembers(h, rewritten, idOfAnchor, idOfMsgid);
    linkVersions(h, series, idOfAnchor, stored);
    List<Long> created = new ArrayList<>();
    List<Long> completed = new ArrayList<>();
    List<Long> superseded = new ArrayList<>();
    // Unchanged series keep their fingerprint, which covers completeness and the next version,
    // so only rewritten ones can have been created, completed or superseded.
    for (Series s : rewritten) {
      long id = idOfAnchor.get(s.anchor());
      Stored old = stored.get(id);
      if (old == null) {
        created.add(id);
      }
      if (s.complete() && (old == null || !old.complete())) {
        completed.add(id);
      }
      if (s.nextVersion() != null && (old == null || old.nextId() == null)) {
        superseded.add(id);
      }
    }
    events.record(h, projectId, now, created, completed, superseded);
    return new ThreadingResult(inserts.size(), updates.size(), match.dropped().size(), unchanged);
  }

  private static PreparedBatch bindRow(PreparedBatch b, Series s, String fp, Map<String, Long> idOfMsgid, Instant now) {
    return b.bind("anchor", s.anchor())
        .bind("name", Sql.text(s.name(), 4000))
        .bind("version", s.version())
        .bind("total", s.total())
        .bind("received", s.received())
        .bind("complete", s.complete())
        .bind("sname", Sql.text(s.submitter().name(), 1000))
        .bind("semail", Sql.text(s.submitter().email(), 1000))
        .bind("sent", Sql.time(s.date()))
        .bind("cover", s.coverId() == null ? null : idOfMsgid.get(s.coverId()))
        .bind("fp", fp)
        .bind("now", Sql.time(now));
  }

  private record MemberRow(long series, long message, String role, int number, int position, Long answers) {}

  private record TrailerRow(long series, Long patch, int position, String name, String value, long givenIn) {}

  private static void writeMembers(Handle h, List<Series> rewritten, Map<String, Long> idOfAnchor, Map<String, Long> idOfMsgid) {
    List<MemberRow> members = new ArrayList<>();
    List<TrailerRow> trailers = new ArrayList<>();
    for (Series s : rewritten) {
      long sid = idOfAnchor.get(s.anchor());
      int pos = 0;
      if (s.coverId() != null) {
        members.add(new MemberRow(sid, idOfMsgid.get(s.coverId()), "cover", 0, pos++, null));
      }
      for (SeriesPatch p : s.patches()) {
        members.add(new MemberRow(sid, idOfMsgid.get(p.messageId()), "patch", p.number(), pos++, null));
      }
      for (Reply r : s.replies()) {
        members.add(new MemberRow(sid, idOfMsgid.get(r.messageId()), "reply", 0, pos++, idOfMsgid.get(r.answers())));
      }
      int tpos = 0;
      for (SeriesTrailer t : s.seriesTrailers()) {
        trailers.add(new TrailerRow(sid, null, tpos++, t.trailer().key(), t.trailer().value(), idOfMsgid.get(t.messageId())));
      }
      for (SeriesPatch p : s.patches()) {
        for (SeriesTrailer t : p.trailers()) {
          if (!t.messageId().equals(p.messageId())) { // a patch's own trailers are read from the message
            trailers.add(new TrailerRow(sid, idOfMsgid.get(p.messageId()), tpos++, t.trailer().key(), t.trailer().value(),
                idOfMsgid.get(t.messageId())));
          }
        }
      }
    }
    JdbcBatch.insert(h, "INSERT INTO series_member (series_id, message_id, role, number, position, answers_id) "
        + "VALUES (?, ?, ?, ?, ?, ?)", members, (ps, m) -> {
          ps.setLong(1, m.series());
          ps.setLong(2, m.message());
          ps.setString(3, m.role());
          ps.setInt(4, m.number());
          ps.setInt(5, m.position());
          JdbcBatch.setLong(ps, 6, m.answers());
        }, null);
    JdbcBatch.insert(h, "INSERT INTO series_trailer (series_id, patch_id, position, name, content, given_in) "
        + "VALUES (?, ?, ?, ?, ?, ?)", trailers, (ps, t) -> {
          ps.setLong(1, t.series());
          JdbcBatch.setLong(ps, 2, t.patch());
          ps.setInt(3, t.position());
          ps.setString(4, t.name());
          ps.setString(5, Sql.text(t.value(), 4000));
          ps.setLong(6, t.givenIn());
        }, null);
  }

  private static void linkVersions(Handle h, List<Series> series, Map<String, Long> idOfAnchor, Map<Long, Stored> stored) {
    PreparedBatch batch = h.prepareBatch("UPDATE series SET previous_id = :p, next_id = :n WHERE id = :id");
    int changed = 0;
    for (Series s : series) {
      long id = idOfAnchor.get(s.anchor());
      Long prev = s.previousVersion() == null ? null : idOfAnchor.get(s.previousVersion());
      Long next = s.nextVersion() == null ? null : idOfAnchor.get(s.nextVersion());
      Stored old = stored.get(id);
      Long oldPrev = old == null ? null : old.previousId();
      Long oldNext = old == null ? null : old.nextId();
      if (!java.util.Objects.equals(oldPrev, prev) || !java.util.Objects.equals(oldNext, next)) {
        batch.bind("p", prev).bind("n", next).bind("id", id).add();
        changed++;
      }
    }
    if (changed > 0) {
      batch.execute();
    }
  }

  /** Everything stored for a series, hashed, so unchanged series are not rewritten. */
  static String fingerprint(Series s) {
    StringBuilder b = new StringBuilder();
    b.append(s.anchor()).append('|').append(s.name()).append('|').append(s.version()).append('|')
        .append(s.total()).append('|').append(s.submitter()).append('|').append(s.date()).append('|')
        .append(s.coverId()).append('|').append(s.previousVersion()).append('|').append(s.nextVersion());
    for (SeriesPatch p : s.patches()) {
      b.append("\np ").append(p.number()).append(' ').append(p.messageId());
      p.trailers().forEach(t -> b.append("\n  ").append(t.trailer()).append(' ').append(t.messageId()));
    }
    s.replies().forEach(r -> b.append("\nr ").append(r.messageId()).append(' ').append(r.answers()));
    s.seriesTrailers().forEach(t -> b.append("\nt ").append(t.trailer()).append(' ').append(t.messageId()));
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      return HexFormat.of().formatHex(sha.digest(b.toString().getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
