package dev.patchflow.store;

import dev.patchflow.mail.Diff;
import dev.patchflow.mail.MailKind;
import dev.patchflow.mail.MessageIds;
import dev.patchflow.mail.ParsedMail;
import dev.patchflow.mail.Person;
import dev.patchflow.mail.Subject;
import dev.patchflow.mail.Trailer;
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
import org.jdbi.v3.core.statement.PreparedBatch;

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
    PreparedBatch batch = h.prepareBatch("INSERT INTO message (msgid, synthetic_id, kind, subject, name, prefixes, "
        + "version, number, total, reply, from_name, from_email, author_name, author_email, sent_at, received_at, "
        + "in_reply_to, refs, content, diff, diffstat, hash, pull_url, origin, raw_sha256, raw) VALUES (:msgid, "
        + ":synthetic, :kind, :subject, :name, :prefixes, :version, :number, :total, :reply, :fromName, :fromEmail, "
        + ":authorName, :authorEmail, :sentAt, :receivedAt, :inReplyTo, :refs, :content, :diff, :diffstat, :hash, "
        + ":pullUrl, :origin, :rawSha256, :raw)");
    for (IncomingMail in : mails) {
      ParsedMail m = in.mail();
      Subject s = m.subject();
      Diff d = m.diff();
      batch.bind("msgid", m.messageId())
          .bind("synthetic", m.syntheticId())
          .bind("kind", m.kind().name())
          .bind("subject", Sql.text(s.raw(), 4000))
          .bind("name", Sql.text(s.name(), 4000))
          .bind("prefixes", Sql.text(String.join(",", s.prefixes()), 1000))
          .bind("version", s.version())
          .bind("number", s.number())
          .bind("total", s.total())
          .bind("reply", s.reply())
          .bind("fromName", Sql.text(m.from().name(), 1000))
          .bind("fromEmail", Sql.text(m.from().email(), 1000))
          .bind("authorName", Sql.text(m.author().name(), 1000))
          .bind("authorEmail", Sql.text(m.author().email(), 1000))
          .bind("sentAt", Sql.time(m.date()))
          .bind("receivedAt", Sql.time(in.receivedAt()))
          .bind("inReplyTo", m.inReplyTo())
          .bind("refs", Sql.text(String.join(" ", m.references())))
          .bind("content", Sql.text(m.content()))
          .bind("diff", d == null ? null : Sql.text(d.text()))
          .bind("diffstat", d == null ? null : Sql.text(d.diffstat()))
          .bind("hash", d == null ? null : d.hash())
          .bind("pullUrl", m.pullRequest() == null ? null : Sql.text(m.pullRequest().pullUrl(), 2000))
          .bind("origin", Sql.text(in.origin(), 2000))
          .bind("rawSha256", in.rawSha256())
          .bind("raw", in.raw())
          .add();
    }
    List<Long> ids = batch.executePreparedBatch("id").mapTo(Long.class).list();
    PreparedBatch trailers = h.prepareBatch(
        "INSERT INTO trailer (message_id, position, name, content) VALUES (:m, :p, :n, :v)");
    boolean any = false;
    for (int i = 0; i < mails.size(); i++) {
      List<Trailer> ts = mails.get(i).mail().trailers();
      for (int p = 0; p < ts.size(); p++) {
        trailers.bind("m", ids.get(i)).bind("p", p).bind("n", ts.get(p).key())
            .bind("v", Sql.text(ts.get(p).value(), 4000)).add();
        any = true;
      }
    }
    if (any) {
      trailers.execute();
    }
    return ids;
  }

  /** Links messages to projects (existing links are left alone); new links await threading. */
  public int linkProjects(Handle h, Map<Long, Set<Long>> projectsByMessage) {
    if (projectsByMessage.isEmpty()) {
      return 0;
    }
    Set<String> existing = new java.util.HashSet<>();
    List<Long> ids = new ArrayList<>(projectsByMessage.keySet());
    for (int i = 0; i < ids.size(); i += MAX_IN) {
      h.createQuery("SELECT message_id, project_id FROM message_project WHERE message_id IN (<ids>)")
          .bindList("ids", ids.subList(i, Math.min(ids.size(), i + MAX_IN)))
          .map((rs, ctx) -> rs.getLong(1) + ":" + rs.getLong(2))
          .forEach(existing::add);
    }
    PreparedBatch batch = h.prepareBatch(
        "INSERT INTO message_project (message_id, project_id) VALUES (:m, :p)");
    int added = 0;
    for (Map.Entry<Long, Set<Long>> e : projectsByMessage.entrySet()) {
      for (long p : e.getValue()) {
        if (!existing.contains(e.getKey() + ":" + p)) {
          batch.bind("m", e.getKey()).bind("p", p).add();
          added++;
        }
      }
    }
    if (added > 0) {
      batch.execute();
    }
    return added;
  }

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

  /** What threading needs of every message of a project, in arrival order. */
  public List<Message> threadInput(Handle h, long projectId) {
    Map<Long, List<Trailer>> trailers = new HashMap<>();
    h.createQuery("SELECT t.message_id, t.name, t.content FROM trailer t "
            + "JOIN message_project mp ON mp.message_id = t.message_id "
            + "WHERE mp.project_id = :p ORDER BY t.message_id, t.position")
        .bind("p", projectId)
        .map((rs, ctx) -> Map.entry(rs.getLong(1), new Trailer(rs.getString(2), rs.getString(3))))
        .forEach(e -> trailers.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(e.getValue()));
    return h.createQuery("SELECT m.id, m.msgid, m.kind, m.subject, m.name, m.prefixes, m.version, m.number, "
            + "m.total, m.reply, m.from_name, m.from_email, m.sent_at, m.received_at, m.in_reply_to, m.refs "
            + "FROM message m JOIN message_project mp ON mp.message_id = m.id "
            + "WHERE mp.project_id = :p ORDER BY m.id")
        .bind("p", projectId)
        .map((rs, ctx) -> {
          long id = rs.getLong("id");
          String prefixes = rs.getString("prefixes");
          Subject subject = new Subject(rs.getString("subject"), rs.getString("name"),
              prefixes.isEmpty() ? List.of() : Arrays.asList(prefixes.split(",")),
              rs.getInt("version"), Sql.integer(rs, "number"), Sql.integer(rs, "total"),
              rs.getBoolean("reply"), false, true);
          Instant sent = Sql.instant(rs, "sent_at");
          Instant date = sent != null ? sent : Sql.instant(rs, "received_at");
          String msgid = rs.getString("msgid");
          String refs = rs.getString("refs");
          List<String> references = refs == null || refs.isEmpty() ? List.of() : Arrays.asList(refs.split(" "));
          return new Message(id, msgid, MessageIds.parents(rs.getString("in_reply_to"), references, msgid),
              new Person(rs.getString("from_name"), rs.getString("from_email")), date,
              MailKind.valueOf(rs.getString("kind")), subject, trailers.getOrDefault(id, List.of()));
        })
        .list();
  }

  public long count(Handle h) {
    return h.createQuery("SELECT COUNT(*) FROM message").mapTo(Long.class).one();
  }
}
