package dev.patchflow.intake.imap;

import dev.patchflow.config.ImapSourceConfig;
import jakarta.mail.MessagingException;
import jakarta.mail.Store;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.angus.mail.imap.IMAPFolder;
import org.eclipse.angus.mail.imap.IMAPStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One configured IMAP account. {@link #syncOnce} reads every folder once; {@link #start} runs
 * a watcher per folder in the background that waits for new mail (IDLE where the server has
 * it, else polling) and reconnects with backoff after any failure, until {@link #close}.
 */
public final class ImapSource implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ImapSource.class);

  private final ImapSourceConfig config;
  private final ImapConnector connector;
  private final FolderSync sync;
  private final Duration firstBackoff;
  private final List<Watcher> watchers = new ArrayList<>();

  public ImapSource(ImapSourceConfig config, MailSink sink, UidStore uids, int batchSize, Duration firstBackoff) {
    this.config = config;
    this.connector = new ImapConnector(config);
    this.sync = new FolderSync(config.nameOrDefault(), config.afterAction(), sink, uids, batchSize);
    this.firstBackoff = firstBackoff;
  }

  public String name() {
    return config.nameOrDefault();
  }

  /** Connects, imports every folder once, disconnects; returns how many mails were delivered. */
  public int syncOnce() throws IOException {
    try (Store store = connector.connect()) {
      int n = 0;
      for (String folder : config.folders()) {
        n += sync.pass(store, folder);
      }
      return n;
    } catch (MessagingException e) {
      throw new IOException("IMAP source '" + name() + "': " + e.getMessage(), e);
    }
  }

  public synchronized void start() {
    for (String folder : config.folders()) {
      Watcher w = new Watcher(folder);
      watchers.add(w);
      w.thread.start();
    }
  }

  @Override
  public synchronized void close() {
    watchers.forEach(Watcher::stop);
    for (Watcher w : watchers) {
      try {
        w.thread.join(10_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
    watchers.clear();
  }

  /** Keeps one folder imported: pass, wait for mail, pass again; on failure, back off and reconnect. */
  private final class Watcher implements Runnable {
    private final String folder;
    private final Thread thread;
    private final Backoff backoff = new Backoff(firstBackoff, Duration.ofMinutes(5));
    private volatile boolean stopped;
    private volatile Store store;

    Watcher(String folder) {
      this.folder = folder;
      this.thread = new Thread(this, "imap-" + name() + "-" + folder);
      this.thread.setDaemon(true);
    }

    @Override
    public void run() {
      while (!stopped) {
        try (Store s = connector.connect()) {
          store = s;
          while (!stopped) {
            sync.pass(s, folder);
            backoff.reset();
            waitForMail(s);
          }
        } catch (IOException | MessagingException | RuntimeException e) {
          if (stopped) {
            break;
          }
          Duration wait = backoff.next();
          LOG.atWarn().addKeyValue("source", name()).addKeyValue("folder", folder)
              .addKeyValue("retry_in_ms", wait.toMillis()).addKeyValue("error", String.valueOf(e.getMessage()))
              .log("IMAP import failed; reconnecting");
          sleep(wait);
        } finally {
          store = null;
        }
      }
      LOG.atInfo().addKeyValue("source", name()).addKeyValue("folder", folder).log("IMAP watcher stopped");
    }

    /**
     * IDLE until the server reports something, renewed every poll_seconds (RFC 2177 asks for
     * 29 minutes at most); a plain sleep where the server has no IDLE.
     */
    private void waitForMail(Store s) throws MessagingException {
      if (!((IMAPStore) s).hasCapability("IDLE")) {
        sleep(Duration.ofSeconds(config.pollOrDefault()));
        return;
      }
      IMAPFolder f = (IMAPFolder) s.getFolder(folder);
      f.open(IMAPFolder.READ_ONLY);
      Thread renew = new Thread(() -> {
        sleep(Duration.ofSeconds(config.pollOrDefault()));
        abortIdle(f);
      }, "imap-idle-renew");
      renew.setDaemon(true);
      renew.start();
      try {
        f.idle(true);
      } finally {
        renew.interrupt();
        if (f.isOpen()) {
          f.close(false);
        }
      }
    }

    void stop() {
      stopped = true;
      thread.interrupt();
      Store s = store;
      if (s != null) {
        try {
          s.close(); // ends a blocked read or IDLE with an exception the loop ignores once stopped
        } catch (MessagingException | RuntimeException e) {
          LOG.atDebug().addKeyValue("source", name()).log("closing on stop: " + e.getMessage());
        }
      }
    }
  }

  /** Any command on the folder ends its IDLE. */
  private static void abortIdle(IMAPFolder f) {
    try {
      if (f.isOpen()) {
        f.doCommand(p -> {
          p.simpleCommand("NOOP", null);
          return null;
        });
      }
    } catch (MessagingException | RuntimeException e) {
      // the folder closed meanwhile: the IDLE is over anyway
    }
  }

  private static void sleep(Duration d) {
    try {
      Thread.sleep(d.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
