package dev.patchflow.intake.imap;

import dev.patchflow.config.Config;
import dev.patchflow.config.ImapSourceConfig;
import dev.patchflow.config.ProjectConfig;
import dev.patchflow.config.Secret;
import dev.patchflow.intake.Importer;
import dev.patchflow.intake.ProjectRouter;
import dev.patchflow.store.Database;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The IMAP sources of a config, importing into the store ({@code serve}) or into a server over HTTP ({@code importer}). */
public final class ImapIntake implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ImapIntake.class);
  /** Mails fetched and committed together; small enough that a lost connection costs little. */
  static final int BATCH = 50;

  private final List<ImapSource> sources;

  public ImapIntake(List<ImapSource> sources) {
    this.sources = List.copyOf(sources);
  }

  /** Sources that import straight into the store, each routed to its own projects. */
  public static ImapIntake intoStore(Config config, Database db, Clock clock) {
    List<ImapSource> out = new ArrayList<>();
    for (ImapSourceConfig s : config.intake().imap()) {
      List<ProjectConfig> projects = s.projects().isEmpty() ? config.projects()
          : config.projects().stream().filter(p -> s.projects().contains(p.name())).toList();
      Importer importer = new Importer(db, new ProjectRouter(projects, config.intake().unmatchedOrDefault()),
          Math.min(BATCH, config.intake().batch()), clock);
      out.add(new ImapSource(s, new StoreSink(importer), new DatabaseUids(db, clock), BATCH, Duration.ofSeconds(1)));
    }
    return new ImapIntake(out);
  }

  /**
   * Sources that post each mail to a server's native API; the server routes it. The UIDs are
   * remembered in {@code stateFile}, as this host has no store.
   */
  public static ImapIntake toServer(Config config, String serverUrl, Secret token, Path stateFile) {
    UidStore uids = new FileUids(stateFile);
    List<ImapSource> out = new ArrayList<>();
    for (ImapSourceConfig s : config.intake().imap()) {
      out.add(new ImapSource(s, new HttpSink(serverUrl, token), uids, BATCH, Duration.ofSeconds(1)));
    }
    return new ImapIntake(out);
  }

  public boolean isEmpty() {
    return sources.isEmpty();
  }

  /** Every folder of every source once; the first failure ends it. */
  public int syncOnce() throws IOException {
    int n = 0;
    for (ImapSource s : sources) {
      n += s.syncOnce();
    }
    return n;
  }

  public void start() {
    for (ImapSource s : sources) {
      LOG.atInfo().addKeyValue("source", s.name()).log("IMAP import started");
      s.start();
    }
  }

  @Override
  public void close() {
    sources.forEach(ImapSource::close);
  }
}
