package dev.patchflow.intake;

import dev.patchflow.mail.MailParseException;
import dev.patchflow.mail.MailParser;
import dev.patchflow.mail.ParsedMail;
import dev.patchflow.store.Database;
import dev.patchflow.store.EventRepository;
import dev.patchflow.store.IncomingMail;
import dev.patchflow.store.MessageRepository;
import dev.patchflow.store.ProjectRepository;
import dev.patchflow.store.QuarantineRepository;
import dev.patchflow.store.ThreadingResult;
import java.io.IOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.jdbi.v3.core.Handle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Brings mail into the store exactly once: each batch of mail is parsed, routed and stored in
 * one transaction (a Message-ID already stored is a duplicate), mail that cannot be parsed is
 * quarantined with the reason, and the projects that got new mail are re-threaded at the end.
 * Killed at any point, a second run stores what the first did not and nothing twice.
 */
public final class Importer {
  private static final Logger LOG = LoggerFactory.getLogger(Importer.class);

  private final Database db;
  private final ProjectRouter router;
  private final int batchSize;
  private final Clock clock;
  private final MessageRepository messages = new MessageRepository();
  private final ProjectRepository projects = new ProjectRepository();
  private final QuarantineRepository quarantine = new QuarantineRepository();
  private final EventRepository events = new EventRepository();
  private final dev.patchflow.store.PersonRepository people = new dev.patchflow.store.PersonRepository();
  private final Map<String, Long> projectIds = new HashMap<>();
  /** Per project, the messages this run stored, as threading sees them. */
  private final Map<Long, Map<Long, dev.patchflow.series.Message>> justStored = new HashMap<>();

  private long read;
  private long stored;
  private long duplicates;
  private long quarantined;

  public Importer(Database db, ProjectRouter router, int batchSize, Clock clock) {
    this.db = db;
    this.router = router;
    this.batchSize = batchSize;
    this.clock = clock;
  }

  /** A mail ready to store, or the reason it cannot be. */
  private record Prepared(RawMail raw, String sha256, IncomingMail row, List<ProjectRouter.Route> routes, String problem) {}

  /**
   * Imports every source, then threads. Reading and parsing batch k+1 run on a second thread
   * while batch k is stored, so they overlap the database work.
   */
  public ImportSummary importAll(List<MailSource> sources, ImportProgress progress) throws IOException {
    Instant started = clock.instant();
    read = stored = duplicates = quarantined = 0;
    justStored.clear();
    progress.start(sources.stream().mapToLong(MailSource::size).sum());
    ExecutorService parser = Executors.newSingleThreadExecutor(r -> {
      Thread t = new Thread(r, "patchflow-parse");
      t.setDaemon(true);
      return t;
    });
    try {
      long doneBefore = 0;
      for (MailSource source : sources) {
        try (source) {
          Future<List<Prepared>> pending = parser.submit(() -> readAndPrepare(source));
          List<Prepared> batch;
          while (!(batch = await(pending)).isEmpty()) {
            pending = parser.submit(() -> readAndPrepare(source));
            read += batch.size();
            store(batch);
            source.committed(batch.stream().map(Prepared::raw).toList());
            progress.update(doneBefore + source.position(), read, stored, duplicates, quarantined);
          }
          doneBefore += source.size();
          progress.update(doneBefore, read, stored, duplicates, quarantined);
        }
      }
    } finally {
      parser.shutdownNow();
    }
    Threader threader = new Threader(db, clock);
    progress.threading(threader.pendingProjects().size());
    ThreadingResult series = threader.threadPending(justStored);
    ImportSummary summary = new ImportSummary(read, stored, duplicates, quarantined, series,
        Duration.between(started, clock.instant()));
    LOG.atInfo().addKeyValue("read", read).addKeyValue("new", stored).addKeyValue("duplicates", duplicates)
        .addKeyValue("quarantined", quarantined).addKeyValue("series_created", series.created())
        .addKeyValue("series_updated", series.updated()).log("import finished");
    return summary;
  }

  /** The next batch of the source, parsed; empty at its end. Runs on the parse thread. */
  private List<Prepared> readAndPrepare(MailSource source) throws IOException {
    List<Prepared> batch = new ArrayList<>(batchSize);
    RawMail raw;
    while (batch.size() < batchSize && (raw = source.next()) != null) {
      batch.add(prepare(raw));
    }
    return batch;
  }

  private static <T> T await(Future<T> f) throws IOException {
    try {
      return f.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("import interrupted", e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof IOException io) {
        throw io;
      }
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      throw new IllegalStateException(e.getCause());
    }
  }

  private Prepared prepare(RawMail raw) {
    String sha = sha256(raw.bytes());
    try {
      ParsedMail mail = MailParser.parse(raw.bytes());
      // Stored times keep microseconds (both databases); threading must see the same value.
      Instant now = clock.instant().truncatedTo(java.time.temporal.ChronoUnit.MICROS);
      IncomingMail row = IncomingMail.of(mail, raw.bytes(), sha, raw.origin(), now);
      return new Prepared(raw, sha, row, router.route(mail), null);
    } catch (MailParseException e) {
      return new Prepared(raw, sha, null, List.of(), e.getMessage());
    } catch (RuntimeException | StackOverflowError e) {
      // A parser bug must not stop the import or lose the mail: keep it aside with the cause.
      LOG.atWarn().addKeyValue("origin", raw.origin()).setCause(e).log("parser failed");
      return new Prepared(raw, sha, null, List.of(), "parser error: " + e);
    }
  }

  private void store(List<Prepared> batch) {
    if (batch.isEmpty()) {
      return;
    }
    Instant now = clock.instant();
    db.jdbi().useTransaction(h -> {
      Map<String, Prepared> fresh = new LinkedHashMap<>();
      Map<String, Set<Long>> routesById = new HashMap<>();
      long batchQuarantined = 0;
      long batchDuplicates = 0;
      for (Prepared p : batch) {
        if (p.row() == null) {
          if (quarantine.add(h, p.raw().bytes(), p.sha256(), p.raw().origin(), p.problem(), now)) {
            batchQuarantined++;
            LOG.atInfo().addKeyValue("origin", p.raw().origin()).addKeyValue("reason", p.problem()).log("quarantined");
          } else {
            batchDuplicates++;
          }
          continue;
        }
        String id = p.row().messageId();
        Set<Long> routes = routesById.computeIfAbsent(id, k -> new java.util.HashSet<>());
        for (ProjectRouter.Route r : p.routes()) {
          routes.add(projectId(h, r));
        }
        if (fresh.putIfAbsent(id, p) != null) {
          batchDuplicates++;
        }
      }
      Map<String, Long> existing = messages.idsOf(h, fresh.keySet());
      List<IncomingMail> toInsert = new ArrayList<>();
      for (Prepared p : fresh.values()) {
        if (existing.containsKey(p.row().messageId())) {
          batchDuplicates++;
        } else {
          toInsert.add(p.row());
        }
      }
      List<Long> ids = messages.insert(h, toInsert);
      people.ensure(h, toInsert.stream().map(m -> new dev.patchflow.mail.Person(m.fromName(), m.fromEmail())).toList());
      Map<String, Long> all = new HashMap<>(existing);
      for (int i = 0; i < ids.size(); i++) {
        all.put(toInsert.get(i).messageId(), ids.get(i));
      }
      Map<Long, Set<Long>> links = new HashMap<>();
      routesById.forEach((msgid, projectSet) -> {
        if (!projectSet.isEmpty()) {
          links.put(all.get(msgid), projectSet);
        }
      });
      for (int i = 0; i < ids.size(); i++) {
        dev.patchflow.series.Message m = MessageRepository.threadMessage(ids.get(i), toInsert.get(i));
        for (long project : routesById.getOrDefault(toInsert.get(i).messageId(), Set.of())) {
          justStored.computeIfAbsent(project, k -> new HashMap<>()).put(ids.get(i), m);
        }
      }
      projects.lock(h, links.values().stream().flatMap(Set::stream).collect(java.util.stream.Collectors.toCollection(java.util.TreeSet::new)));
      List<MessageRepository.Link> made = messages.linkProjects(h, links, new java.util.HashSet<>(ids));
      createdEvents(h, made, toInsert, ids, now);
      stored += ids.size();
      duplicates += batchDuplicates;
      quarantined += batchQuarantined;
    });
    LOG.atDebug().addKeyValue("read", read).addKeyValue("new", stored).log("batch stored");
  }

  /** patch-created and cover-created for the patches and covers this batch brought in. */
  private void createdEvents(Handle h, List<MessageRepository.Link> made, List<IncomingMail> inserted, List<Long> ids,
      Instant now) {
    Map<Long, String> kindOf = new HashMap<>();
    for (int i = 0; i < ids.size(); i++) {
      kindOf.put(ids.get(i), inserted.get(i).kind());
    }
    List<EventRepository.Event> out = new ArrayList<>();
    for (MessageRepository.Link l : made) {
      String kind = kindOf.get(l.messageId());
      if ("COVER".equals(kind)) {
        out.add(EventRepository.Event.of(l.projectId(), "cover-created", now, null).cover(l.id()));
      } else if ("PATCH".equals(kind) || "PULL_REQUEST".equals(kind)) {
        out.add(EventRepository.Event.of(l.projectId(), "patch-created", now, null).patch(l.id()));
      }
    }
    events.add(h, out);
  }

  private long projectId(Handle h, ProjectRouter.Route r) {
    Long id = projectIds.get(r.project());
    if (id == null) {
      id = projects.ensure(h, r.project(), r.listId(), r.listEmail()).id();
      projectIds.put(r.project(), id);
    }
    return id;
  }

  static String sha256(byte[] raw) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(raw));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
