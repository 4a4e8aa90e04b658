package dev.patchflow.intake;

import dev.patchflow.series.Message;
import dev.patchflow.series.Series;
import dev.patchflow.series.SeriesAssembler;
import dev.patchflow.store.Database;
import dev.patchflow.store.MessageRepository;
import dev.patchflow.store.ProjectRepository;
import dev.patchflow.store.SeriesWriter;
import dev.patchflow.store.ThreadingResult;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Re-threads every project that has mail threading has not seen yet. What threading has seen
 * is recorded in the same transaction that writes the series, so a crash between storing mail
 * and threading it is repaired by the next run.
 */
public final class Threader {
  private static final Logger LOG = LoggerFactory.getLogger(Threader.class);
  private final Database db;
  private final MessageRepository messages = new MessageRepository();
  private final SeriesWriter writer = new SeriesWriter();
  private final ProjectRepository projects = new ProjectRepository();
  private final Clock clock;

  public Threader(Database db, Clock clock) {
    this.db = db;
    this.clock = clock;
  }

  public List<Long> pendingProjects() {
    return db.jdbi().withHandle(messages::projectsAwaitingThreading);
  }

  public ThreadingResult threadPending() {
    return threadPending(Map.of());
  }

  /** @param known per project, messages the caller has just stored (so they need not be read back) */
  public ThreadingResult threadPending(Map<Long, Map<Long, Message>> known) {
    ThreadingResult total = ThreadingResult.NONE;
    for (long project : pendingProjects()) {
      total = total.plus(threadProject(project, known.getOrDefault(project, Map.of())));
    }
    return total;
  }

  public ThreadingResult threadProject(long projectId, Map<Long, Message> known) {
    return db.jdbi().inTransaction(h -> {
      // One threader per project at a time, and no importer linking mail to it meanwhile.
      projects.lock(h, List.of(projectId));
      long upTo = messages.lastLink(h, projectId);
      List<Message> input = messages.threadInput(h, projectId, known);
      List<Series> series = SeriesAssembler.assemble(input);
      Map<String, Long> ids = new java.util.HashMap<>();
      input.forEach(m -> ids.put(m.messageId(), m.seq()));
      ThreadingResult r = writer.replace(h, projectId, series, ids, clock.instant());
      messages.markThreaded(h, projectId, upTo);
      LOG.atInfo().addKeyValue("project", projectId).addKeyValue("messages", input.size())
          .addKeyValue("series", series.size()).addKeyValue("created", r.created())
          .addKeyValue("updated", r.updated()).addKeyValue("removed", r.deleted()).log("threaded project");
      return r;
    });
  }
}
