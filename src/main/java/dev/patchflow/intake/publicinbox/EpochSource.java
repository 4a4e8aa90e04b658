package dev.patchflow.intake.publicinbox;

import dev.patchflow.intake.MailSource;
import dev.patchflow.intake.RawMail;
import dev.patchflow.store.Database;
import dev.patchflow.store.PublicInboxRepository;
import java.io.IOException;
import java.time.Clock;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The messages one epoch gained since the last import, oldest first. The epoch's place is
 * remembered only once the store has committed the batch holding a commit's message, so a
 * killed run reads a little again (Message-ID dedup drops it) and never skips mail.
 */
public final class EpochSource implements MailSource {
  private static final Logger LOG = LoggerFactory.getLogger(EpochSource.class);

  private final Epoch epoch;
  private final Database db;
  private final Clock clock;
  private final EpochGit git;
  private final PublicInboxRepository state = new PublicInboxRepository();
  private final String from;
  private final String tip;
  private final long size;
  private BlobStream stream;
  private long position;
  private long commits;
  private long deleted;
  private long messages;
  private volatile boolean exhausted;
  private volatile String lastRead;
  private volatile String lastCommitted;

  private EpochSource(Epoch epoch, Database db, Clock clock, String from, String tip, long size) {
    this.epoch = epoch;
    this.db = db;
    this.clock = clock;
    this.git = new EpochGit(epoch.repo());
    this.from = from;
    this.tip = tip;
    this.size = size;
    this.lastCommitted = from;
  }

  /** Where the epoch was left, checked against its history now; sizes the new messages. */
  public static EpochSource open(Epoch epoch, Database db, Clock clock) throws IOException {
    EpochGit git = new EpochGit(epoch.repo());
    String tip = git.tip().orElse(null);
    String last = db.jdbi().withHandle(h -> new PublicInboxRepository().lastCommit(h, epoch.key())).orElse(null);
    if (last != null && tip != null && !last.equals(tip) && !git.isAncestor(last, tip)) {
      LOG.atWarn().addKeyValue("epoch", epoch.label()).addKeyValue("repo", epoch.key()).addKeyValue("last_commit", last)
          .addKeyValue("tip", tip).log("epoch history was rewritten; reading it again from the start");
      last = null;
    }
    long size = 0;
    if (tip != null && !tip.equals(last)) {
      try (BlobStream sizes = BlobStream.open(git, last, tip, false)) {
        BlobStream.Entry e;
        while ((e = sizes.next()) != null) {
          size += Math.max(0, e.size());
        }
      }
    }
    return new EpochSource(epoch, db, clock, last, tip, size);
  }

  @Override
  public RawMail next() throws IOException {
    if (exhausted || tip == null || tip.equals(from)) {
      exhausted = true;
      return null;
    }
    if (stream == null) {
      stream = BlobStream.open(git, from, tip, true);
    }
    BlobStream.Entry e;
    while ((e = stream.next()) != null) {
      commits++;
      if (e.deleted()) {
        deleted++;
        continue;
      }
      messages++;
      position += e.size();
      lastRead = e.commit();
      return new RawMail(e.message(), origin(epoch, e.commit()));
    }
    exhausted = true;
    return null;
  }

  static String origin(Epoch epoch, String commit) {
    return epoch.label() + "@" + commit;
  }

  /** The commit an origin of this source names. */
  static String commitOf(String origin) {
    return origin.substring(origin.lastIndexOf('@') + 1);
  }

  @Override
  public void committed(List<RawMail> batch) {
    if (batch.isEmpty()) {
      return;
    }
    String commit = commitOf(batch.get(batch.size() - 1).origin());
    remember(commit);
  }

  private void remember(String commit) {
    db.jdbi().useTransaction(h -> state.setLastCommit(h, epoch.key(), commit, clock.instant()));
    lastCommitted = commit;
  }

  @Override
  public long position() {
    return position;
  }

  @Override
  public long size() {
    return size;
  }

  /** How many commits this run read (deletions included). */
  public long commitsRead() {
    return commits;
  }

  @Override
  public void close() {
    if (stream != null) {
      stream.close();
    }
    // Read to the end and all of it committed: the tip is done, even when it removed a message.
    boolean allCommitted = lastRead == null || lastRead.equals(lastCommitted);
    if (exhausted && allCommitted && tip != null && !tip.equals(lastCommitted)) {
      remember(tip);
    }
    LOG.atInfo().addKeyValue("epoch", epoch.label()).addKeyValue("commits", commits).addKeyValue("messages", messages)
        .addKeyValue("deleted", deleted).addKeyValue("last_commit", lastCommitted).log("public-inbox epoch read");
  }
}
