package dev.patchflow.store;

import dev.patchflow.mail.MailKind;
import dev.patchflow.mail.MessageIds;
import dev.patchflow.mail.Person;
import dev.patchflow.mail.Subject;
import dev.patchflow.series.Message;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jdbi.v3.core.Handle;

/** Stored mail: inserted once per Message-ID, kept whole, linked to its projects. */
public final class MessageRepository {
  private static final int MAX_IN = 500;

  /** Store ids of the messages already stored, by Message-ID. */
  public Map<String, Long> idsOf(Handle h, Collection<String> msgids) {
    Map<String, Long> out = new HashMap<>();
    List<String> all = new ArrayList<>(msgids);
    for (int i = 0; i < all.size(); i += MAX_IN) {
      List<String> chunk = all.subList(i, Math.min(all.size(), i + MAX_IN));
      h.createQuery("SELECT id, msgid FROM message WHERE msgid IN (<ids>)")
          .bindList("ids", chunk)
          .map((rs, ctx) -> Map.entry(rs.getString("msgid"), rs.getLong("id")))
          .forEach(e -> out.put(e.getKey(), e.getValue()));
    }
    return out;
  }

  /** Inserts new messages (the caller has removed those already stored); returns their ids. */
  public List<Long> insert(Handle h, List<IncomingMail> mails) {
    if (mails.isEmpty()) {
      return List.of();
    }
    List<Long> ids = JdbcBatch.insert(h, "INSERT INTO message (msgid, synthetic_id, kind, subject, name, prefixes, "
        + "version, number, total, reply, from_name, from_email, author_name, author_email, sent_at, received_at, "
        + "in_reply_to, refs, trailers, diffstat, hash, pull_url, origin, raw_sha256, recipients) "
        + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        mails, MessageRepository::bindMessage, "id");
    List<Map.Entry<Long, IncomingMail>> bodies = new ArrayList<>(mails.size());
    for (int i = 0; i < mails.size(); i++) {
      bodies.add(Map.entry(ids.get(i), mails.get(i)));
    }
    JdbcBatch.insert(h, "INSERT INTO message_body (message_id, content, diff, raw) VALUES (?, ?, ?, ?)", bodies,
        (ps, e) -> {
          ps.setLong(1, e.getKey());
          JdbcBatch.setText(ps, 2, e.getValue().content());
          JdbcBatch.setText(ps, 3, e.getValue().diff());
          ps.setBytes(4, e.getValue().raw());
        }, null);
    return ids;
  }

  private static void bindMessage(java.sql.PreparedStatement ps, IncomingMail m) throws java.sql.SQLException {
    ps.setString(1, m.messageId());
    ps.setBoolean(2, m.syntheticId());
    ps.setString(3, m.kind());
    ps.setString(4, m.subject());
    ps.setString(5, m.name());
    ps.setString(6, m.prefixes());
    ps.setInt(7, m.version());
    JdbcBatch.setInt(ps, 8, m.number());
    JdbcBatch.setInt(ps, 9, m.total());
    ps.setBoolean(10, m.reply());
    ps.setString(11, m.fromName());
    ps.setString(12, m.fromEmail());
    ps.setString(13, m.authorName());
    ps.setString(14, m.authorEmail());
    JdbcBatch.setTime(ps, 15, m.sentAt());
    JdbcBatch.setTime(ps, 16, m.receivedAt());
    JdbcBatch.setText(ps, 17, m.inReplyTo());
    JdbcBatch.setText(ps, 18, m.refs());
    JdbcBatch.setText(ps, 19, m.trailers());
    JdbcBatch.setText(ps, 20, m.diffstat());
    JdbcBatch.setText(ps, 21, m.hash());
    JdbcBatch.setText(ps, 22, m.pullUrl());
    ps.setString(23, m.origin());
    ps.setString(24, m.rawSha256());
    JdbcBatch.setText(ps, 25, m.recipients());
  }

  /**
   * Links messages to projects (existing links are left alone); new links await threading.
   * {@code justInserted} messages have no links yet, so only the others are looked up.
   */
  public List<Link> linkProjects(Handle h, Map<Long, Set<Long>> projectsByMessage, Set<Long> justInserted) {
    if (projectsByMessage.isEmpty()) {
      return List.of();
    }
    Set<String> existing = new java.util.HashSet<>();
    List<Long> ids = projectsByMessage.keySet().stream().filter(id -> !justInserted.contains(id)).toList();
    for (int i = 0; i < ids.size(); i += MAX_IN) {
      h.createQuery("SELECT message_id, project_id FROM message_project WHERE message_id IN (<ids>)")
          .bindList("ids", ids.subList(i, Math.min(ids.size(), i + MAX_IN)))
          .map((rs, ctx) -> rs.getLong(1) + ":" + rs.getLong(2))
          .forEach(existing::add);
    }
    List<long[]> links = new ArrayList<>();
    for (Map.Entry<Long, Set<Long>> e : projectsByMessage.entrySet()) {
      for (long p : e.getValue()) {
        if (!existing.contains(e.getKey() + ":" + p)) {
          links.add(new long[] {e.getKey(), p});
        }
      }
    }
    List<Long> seqs = JdbcBatch.insert(h, "INSERT INTO message_project (message_id, project_id) VALUES (?, ?)", links,
        (ps, l) -> {
          ps.setLong(1, l[0]);
          ps.setLong(2, l[1]);
        }, "seq");
    List<Link> out = new ArrayList<>(links.size());
    for (int i = 0; i < links.size(); i++) {
      out.add(new Link(links.get(i)[0], links.get(i)[1], seqs.get(i)));
    }
    return out;
  }

  /** A message's place in a project; {@code id} is what the APIs call the patch, cover or comment id. */
  public record Link(long messageId, long projectId, long id) {}

  /** Projects with messages that threading has not seen yet. */
  public List<Long> projectsAwaitingThreading(Handle h) {
    return h.createQuery("SELECT p.id FROM project p WHERE EXISTS (SELECT 1 FROM message_project mp "
            + "WHERE mp.project_id = p.id AND mp.seq > p.threaded_seq) ORDER BY p.id")
        .mapTo(Long.class).list();
  }

  /** Records that threading has seen the project's mail up to this link. */
  public void markThreaded(Handle h, long projectId, long upToSeq) {
    h.createUpdate("UPDATE project SET threaded_seq = :s WHERE id = :p AND threaded_seq < :s")
        .bind("p", projectId).bind("s", upToSeq).execute();
  }

  /** The newest link of a project (what threading will have seen after reading it all). */
  public long lastLink(Handle h, long projectId) {
    return h.createQuery("SELECT COALESCE(MAX(seq), 0) FROM message_project WHERE project_id = :p")
        .bind("p", projectId).mapTo(Long.class).one();
  }

  private static final String THREAD_COLUMNS = "m.id, m.msgid, m.kind, m.subject, m.name, m.prefixes, m.version, "
      + "m.number, m.total, m.reply, m.from_name, m.from_email, m.sent_at, m.received_at, m.in_reply_to, m.refs, "
      + "m.trailers FROM message m JOIN message_project mp ON mp.message_id = m.id WHERE mp.project_id = :p";

  /** What threading needs of every message of a project. */
  public List<Message> threadInput(Handle h, long projectId) {
    return threadInput(h, projectId, Map.of());
  }

  /**
   * What threading needs of every message of a project, where {@code known} already holds
   * some of them (those this import just stored, as {@link #threadMessage} made them): only
   * the others are read, so a bulk import does not read back what it has just written.
   */
  public List<Message> threadInput(Handle h, long projectId, Map<Long, Message> known) {
    List<Message> out = new ArrayList<>(known.values());
    if (known.isEmpty()) {
      out.addAll(h.createQuery("SELECT " + THREAD_COLUMNS).bind("p", projectId)
          .map((rs, ctx) -> fromRow(rs)).list());
      return out;
    }
    long min = java.util.Collections.min(known.keySet());
    long max = java.util.Collections.max(known.keySet());
    out.addAll(h.createQuery("SELECT " + THREAD_COLUMNS + " AND (m.id < :min OR m.id > :max)")
        .bind("p", projectId).bind("min", min).bind("max", max).map((rs, ctx) -> fromRow(rs)).list());
    // Messages another importer stored in between ours.
    List<Long> between = h.createQuery("SELECT m.id FROM message m JOIN message_project mp ON mp.message_id = m.id "
            + "WHERE mp.project_id = :p AND m.id BETWEEN :min AND :max")
        .bind("p", projectId).bind("min", min).bind("max", max).mapTo(Long.class).list().stream()
        .filter(id -> !known.containsKey(id)).toList();
    for (int i = 0; i < between.size(); i += MAX_IN) {
      out.addAll(h.createQuery("SELECT " + THREAD_COLUMNS + " AND m.id IN (<ids>)").bind("p", projectId)
          .bindList("ids", between.subList(i, Math.min(between.size(), i + MAX_IN))).map((rs, ctx) -> fromRow(rs)).list());
    }
    return out;
  }

  private static Message fromRow(java.sql.ResultSet rs) throws java.sql.SQLException {
    return threadMessage(rs.getLong("id"), rs.getString("msgid"), rs.getString("kind"), rs.getString("subject"),
        rs.getString("name"), rs.getString("prefixes"), rs.getInt("version"), Sql.integer(rs, "number"),
        Sql.integer(rs, "total"), rs.getBoolean("reply"), rs.getString("from_name"), rs.getString("from_email"),
        Sql.instant(rs, "sent_at"), Sql.instant(rs, "received_at"), rs.getString("in_reply_to"), rs.getString("refs"),
        rs.getString("trailers"));
  }

  /** The threading view of a message as stored (the same whether read back or just written). */
  public static Message threadMessage(long id, IncomingMail m) {
    return threadMessage(id, m.messageId(), m.kind(), m.subject(), m.name(), m.prefixes(), m.version(), m.number(),
        m.total(), m.reply(), m.fromName(), m.fromEmail(), m.sentAt(), m.receivedAt(), m.inReplyTo(), m.refs(),
        m.trailers());
  }

  private static Message threadMessage(long id, String msgid, String kind, String subjectText, String name,
      String prefixes, int version, Integer number, Integer total, boolean reply, String fromName, String fromEmail,
      Instant sent, Instant received, String inReplyTo, String refs, String trailers) {
    Subject subject = new Subject(subjectText, name,
        prefixes.isEmpty() ? List.of() : Arrays.asList(prefixes.split(",")), version, number, total, reply, false, true);
    List<String> references = refs == null || refs.isEmpty() ? List.of() : Arrays.asList(refs.split(" "));
    return new Message(id, msgid, MessageIds.parents(inReplyTo, references, msgid), new Person(fromName, fromEmail),
        sent != null ? sent : received, MailKind.valueOf(kind), subject, Trailers.split(trailers));
  }

  /** The mail exactly as it was received. */
  public java.util.Optional<byte[]> raw(Handle h, String msgid) {
    return h.createQuery("SELECT b.raw FROM message m JOIN message_body b ON b.message_id = m.id WHERE m.msgid = :id")
        .bind("id", msgid).map((rs, ctx) -> rs.getBytes(1)).findOne();
  }

  public long count(Handle h) {
    return h.createQuery("SELECT COUNT(*) FROM message").mapTo(Long.class).one();
  }
}
