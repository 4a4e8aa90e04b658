package dev.patchflow.backport;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Watch mode: a report file (see {@link ReportFile}) appearing in a directory starts a run for the
 * commits it lists. Each file is handed over once: it is remembered by name, size and modification
 * time in a small state file, so a restart does not run it again, and a file changed afterwards
 * counts as new. Files are left where they are. A file is only read once it has not changed for
 * {@code settle}, so a report still being written is not read half-way; writers that can should
 * write elsewhere and move the file in. Names starting with '.' or ending in .tmp, .part or ~ are
 * ignored. The WatchService wakes the loop at once; a poll every interval covers file systems
 * where it does not (NFS) and the settle wait.
 */
public final class ReportWatcher implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ReportWatcher.class);

  /** What the callback gets: the file and its commit ids (never empty). */
  public record Report(Path file, List<String> shas) {}

  /** What became of a file in one scan. */
  public sealed interface Outcome {
    Path file();
  }

  /** Its commits went to the callback. */
  public record Handed(Path file, List<String> shas) implements Outcome {}

  /** Malformed; {@code error} names the file and line. Not retried until the file changes. */
  public record Rejected(Path file, String error) implements Outcome {}

  /** Lists no commits; remembered, nothing run. */
  public record Empty(Path file) implements Outcome {}

  /** The callback threw; not remembered, so the next scan tries again. */
  public record CallbackFailed(Path file, String error) implements Outcome {}

  private record Seen(long size, long modifiedMillis) {}

  private final Path dir;
  private final Path stateFile;
  private final Duration settle;
  private final Clock clock;
  private final Consumer<Report> onReport;
  private final Map<String, Seen> seen;
  private volatile boolean closed;
  private volatile Thread thread;

  public ReportWatcher(Path dir, Path stateFile, Duration settle, Clock clock, Consumer<Report> onReport) throws IOException {
    this.dir = dir;
    this.stateFile = stateFile;
    this.settle = settle;
    this.clock = clock;
    this.onReport = onReport;
    this.seen = load(stateFile);
  }

  /** Looks at every file once: new settled reports are parsed and handed over, in name order. */
  public synchronized List<Outcome> scanOnce() throws IOException {
    List<Outcome> outcomes = new ArrayList<>();
    if (!Files.isDirectory(dir)) {
      return outcomes;
    }
    List<Path> files = new ArrayList<>();
    try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir)) {
      ds.forEach(files::add);
    }
    files.sort(null);
    Instant settledBefore = clock.instant().minus(settle);
    boolean changed = false;
    for (Path f : files) {
      String name = f.getFileName().toString();
      if (ignored(name) || f.equals(stateFile)) {
        continue;
      }
      BasicFileAttributes a;
      try {
        a = Files.readAttributes(f, BasicFileAttributes.class);
      } catch (IOException e) {
        continue; // gone meanwhile
      }
      Seen now = new Seen(a.size(), a.lastModifiedTime().toMillis());
      if (!a.isRegularFile() || now.equals(seen.get(name)) || a.lastModifiedTime().toInstant().isAfter(settledBefore)) {
        continue;
      }
      Outcome o = handle(f, name);
      outcomes.add(o);
      if (!(o instanceof CallbackFailed)) {
        seen.put(name, now);
        changed = true;
      }
    }
    // forget files that are gone so the state stays small; a report dropped again under the same name runs again
    java.util.Set<String> present = new java.util.HashSet<>();
    files.forEach(f -> present.add(f.getFileName().toString()));
    changed |= seen.keySet().removeIf(n -> !present.contains(n));
    if (changed) {
      save();
    }
    return outcomes;
  }

  private Outcome handle(Path f, String name) throws IOException {
    List<String> shas;
    try {
      shas = ReportFile.parse(name, StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(Files.readAllBytes(f))).toString());
    } catch (CharacterCodingException e) {
      return new Rejected(f, name + ":1: not UTF-8 text");
    } catch (ReportFile.Malformed e) {
      return new Rejected(f, e.getMessage());
    }
    if (shas.isEmpty()) {
      return new Empty(f);
    }
    try {
      onReport.accept(new Report(f, shas));
    } catch (RuntimeException e) {
      return new CallbackFailed(f, String.valueOf(e.getMessage()));
    }
    return new Handed(f, shas);
  }

  static boolean ignored(String name) {
    return name.startsWith(".") || name.endsWith(".tmp") || name.endsWith(".part") || name.endsWith("~")
        || name.chars().anyMatch(c -> c < 0x20);
  }

  /** Scans until closed or interrupted, woken by the WatchService or every {@code poll}. */
  public void run(Duration poll) throws InterruptedException {
    thread = Thread.currentThread();
    WatchService ws = null;
    try {
      try {
        Files.createDirectories(dir);
        ws = dir.getFileSystem().newWatchService();
        dir.register(ws, StandardWatchEventKinds.ENTRY_CREATE, StandardWatchEventKinds.ENTRY_MODIFY);
      } catch (IOException | UnsupportedOperationException e) {
        LOG.warn("event=watch_fallback dir={} reason=\"{}\" polling every {}", dir, e.getMessage(), poll);
        ws = closeQuietly(ws);
      }
      while (!closed) {
        scanLogged();
        if (ws == null) {
          Thread.sleep(poll.toMillis());
          continue;
        }
        WatchKey key;
        try {
          key = ws.poll(poll.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
        } catch (ClosedWatchServiceException e) {
          return;
        }
        if (key != null) {
          key.pollEvents();
          key.reset();
        }
      }
    } finally {
      closeQuietly(ws);
    }
  }

  /** Runs {@link #run} on a daemon thread. */
  public Thread start(Duration poll) {
    Thread t = new Thread(() -> {
      try {
        run(poll);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }, "report-watcher");
    t.setDaemon(true);
    thread = t;
    t.start();
    return t;
  }

  private void scanLogged() {
    try {
      for (Outcome o : scanOnce()) {
        if (o instanceof Handed h) {
          LOG.info("event=report_run file={} commits={}", h.file(), h.shas().size());
        } else if (o instanceof Rejected r) {
          LOG.warn("event=report_rejected error=\"{}\"", r.error());
        } else if (o instanceof Empty e) {
          LOG.info("event=report_empty file={}", e.file());
        } else if (o instanceof CallbackFailed c) {
          LOG.warn("event=report_run_failed file={} error=\"{}\" retry=next_scan", c.file(), c.error());
        }
      }
    } catch (IOException | RuntimeException e) {
      LOG.warn("event=report_scan_failed dir={} error=\"{}\"", dir, e.getMessage());
    }
  }

  @Override
  public void close() {
    closed = true;
    Thread t = thread;
    if (t != null && t != Thread.currentThread()) {
      t.interrupt();
    }
  }

  private static WatchService closeQuietly(WatchService ws) {
    if (ws != null) {
      try {
        ws.close();
      } catch (IOException e) {
        // nothing left to do with it
      }
    }
    return null;
  }

  // State file: one "size<TAB>mtime-millis<TAB>name" line per handled file.
  private static Map<String, Seen> load(Path stateFile) throws IOException {
    Map<String, Seen> m = new LinkedHashMap<>();
    if (!Files.exists(stateFile)) {
      return m;
    }
    for (String line : Files.readAllLines(stateFile, StandardCharsets.UTF_8)) {
      String[] p = line.split("\t", 3);
      if (p.length == 3 && p[0].matches("\\d+") && p[1].matches("-?\\d+")) {
        m.put(p[2], new Seen(Long.parseLong(p[0]), Long.parseLong(p[1])));
      }
    }
    return m;
  }

  private void save() throws IOException {
    StringBuilder sb = new StringBuilder();
    seen.forEach((name, s) -> sb.append(s.size()).append('\t').append(s.modifiedMillis()).append('\t').append(name).append('\n'));
    Path parent = stateFile.toAbsolutePath().getParent();
    Files.createDirectories(parent);
    Path tmp = Files.createTempFile(parent, ".report-state", ".tmp");
    Files.writeString(tmp, sb, StandardCharsets.UTF_8);
    Files.move(tmp, stateFile, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }
}
