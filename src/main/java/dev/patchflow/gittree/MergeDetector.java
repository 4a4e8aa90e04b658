package dev.patchflow.gittree;

import dev.patchflow.git.GitException;
import dev.patchflow.git.LogEntry;
import dev.patchflow.mail.PatchHash;
import dev.patchflow.store.ApplyRepository;
import dev.patchflow.store.Database;
import dev.patchflow.tracking.PatchActions;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds patches that were merged upstream: each new commit on a project's base branch is
 * matched to stored patches by the Message-IDs its trailers name, else by the hash of its diff;
 * matched patches become accepted, with the commit recorded as their commit_ref.
 */
public final class MergeDetector {
  private static final Logger LOG = LoggerFactory.getLogger(MergeDetector.class);
  private final Database db;
  private final PatchActions actions;
  private final Clock clock;
  private final int depth;
  private final ApplyRepository marks = new ApplyRepository();

  public MergeDetector(Database db, Clock clock, int depth) {
    this.db = db;
    this.actions = new PatchActions(db, clock);
    this.clock = clock;
    this.depth = depth;
  }

  /** Scans each project's commits since the last scan; returns how many patches were found merged. */
  int scan(Map<Long, ProjectTree> trees) {
    int merged = 0;
    for (Map.Entry<Long, ProjectTree> e : trees.entrySet()) {
      try {
        merged += scan(e.getKey(), e.getValue());
      } catch (GitException x) {
        LOG.atWarn().addKeyValue("project", e.getValue().project()).log("upstream scan failed: " + x.getMessage());
      }
    }
    return merged;
  }

  int scan(long projectId, ProjectTree tree) throws GitException {
    String last = db.jdbi().withHandle(h -> marks.lastScanned(h, projectId)).orElse(null);
    List<LogEntry> commits = tree.upstreamSince(last, depth);
    int merged = 0;
    for (LogEntry c : commits) {
      Optional<Long> patch = byMessageId(projectId, c);
      if (patch.isEmpty()) {
        String hash = PatchHash.of(tree.diffOf(c.id()));
        patch = db.jdbi().withHandle(h -> h.createQuery("SELECT mp.seq FROM message m JOIN message_project mp "
                + "ON mp.message_id = m.id WHERE m.hash = :hash AND mp.project_id = :p AND mp.commit_ref IS NULL "
                + "ORDER BY m.id DESC").bind("hash", hash).bind("p", projectId).mapTo(Long.class).findFirst());
      }
      if (patch.isPresent() && actions.merged(patch.get(), c.id().sha())) {
        merged++;
        LOG.atInfo().addKeyValue("project", tree.project()).addKeyValue("patch", patch.get())
            .addKeyValue("commit", c.id().abbrev()).log("patch merged upstream");
      }
    }
    if (!commits.isEmpty()) {
      String head = commits.get(commits.size() - 1).id().sha();
      db.jdbi().useHandle(h -> marks.scanned(h, projectId, head, clock.instant()));
    }
    return merged;
  }

  private Optional<Long> byMessageId(long projectId, LogEntry c) {
    for (String id : MergeTrailers.messageIds(c.message())) {
      Optional<Long> p = db.jdbi().withHandle(h -> h.createQuery("SELECT mp.seq FROM message m JOIN message_project mp "
              + "ON mp.message_id = m.id WHERE m.msgid = :id AND mp.project_id = :p AND m.kind IN ('PATCH', 'PULL_REQUEST')")
          .bind("id", id).bind("p", projectId).mapTo(Long.class).findFirst());
      if (p.isPresent()) {
        return p;
      }
    }
    return Optional.empty();
  }
}
