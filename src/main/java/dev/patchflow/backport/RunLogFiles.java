package dev.patchflow.backport;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The log directory of unattended runs: {@code backport_<run>.log} per run,
 * {@code kernel_<k>_<run>.log} per kernel line and run, {@code summary.log} with one line per run
 * (kept forever), and {@code backport.lock} so two runs never overlap.
 */
public final class RunLogFiles {
  public static final String SUMMARY = "summary.log";
  public static final String LOCK = "backport.lock";
  /** How long run and kernel logs are kept unless told otherwise. */
  public static final Duration DEFAULT_RETENTION = Duration.ofDays(30);

  private static final DateTimeFormatter RUN_ID = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);
  private static final Pattern OURS = Pattern.compile("(backport_.+|kernel_.+_.+)\\.log");
  /** The folders {@code patchflow backport} writes a run's results, test and build logs into. */
  private static final Pattern RUN_DIR = Pattern.compile("run-(\\d{8}-\\d{6})");
  private static final DateTimeFormatter RUN_DIR_TIME = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);
  /** A run folder's results, one JSON object a line (what the status page reads). */
  public static final String RESULTS = "results.jsonl";

  private final Path dir;

  public RunLogFiles(Path dir) {
    this.dir = dir;
  }

  public Path dir() {
    return dir;
  }

  /** A run id from its start time, e.g. {@code 20261201T020000Z}: sorts by time and fits a file name. */
  public static String runId(Instant start) {
    return RUN_ID.format(start);
  }

  /** The name of the folder of a run started at {@code start}: {@code run-20261201-020000}. */
  public static String runFolder(Instant start) {
    return "run-" + RUN_DIR_TIME.format(start);
  }

  /**
   * The folder of the run a {@link #runId} names: the same start, so a summary line leads to its
   * run's results. Empty for an id that is no start time (one written by hand, say).
   */
  public static Optional<String> runFolderOf(String runId) {
    return runIdStart(runId).map(RunLogFiles::runFolder);
  }

  /** When the run a {@link #runId} names started; empty for an id that is no start time. */
  public static Optional<Instant> runIdStart(String runId) {
    try {
      return Optional.of(Instant.from(RUN_ID.parse(runId)));
    } catch (java.time.format.DateTimeParseException e) {
      return Optional.empty();
    }
  }

  /** When the run of a folder named by {@link #runFolder} started; empty for any other name. */
  public static Optional<Instant> runFolderStart(String name) {
    java.util.regex.Matcher m = RUN_DIR.matcher(name);
    if (!m.matches()) {
      return Optional.empty();
    }
    try {
      return Optional.of(Instant.from(RUN_DIR_TIME.parse(m.group(1))));
    } catch (java.time.format.DateTimeParseException e) {
      return Optional.empty();
    }
  }

  public Path runLog(String runId) {
    return dir.resolve("backport_" + checkId(runId) + ".log");
  }

  /** {@code kernel_6.1_<run>.log}. */
  public Path kernelLog(String kernel, String runId) {
    if (!kernel.matches("[0-9A-Za-z.+-]+")) {
      throw new IllegalArgumentException("kernel line '" + kernel + "' cannot be part of a file name");
    }
    return dir.resolve("kernel_" + kernel + "_" + checkId(runId) + ".log");
  }

  private static String checkId(String runId) {
    if (!runId.matches("[0-9A-Za-z.-]+")) {
      throw new IllegalArgumentException("run id '" + runId + "' cannot be part of a file name");
    }
    return runId;
  }

  public Path summaryFile() {
    return dir.resolve(SUMMARY);
  }

  /** Appends one line to {@code summary.log} (creating the directory). */
  public void appendSummary(RunSummary summary) throws IOException {
    Files.createDirectories(dir);
    Files.writeString(summaryFile(), summary.line() + "\n", StandardCharsets.UTF_8,
        StandardOpenOption.CREATE, StandardOpenOption.APPEND);
  }

  /** The last {@code n} summary lines that parse, oldest first; none when there is no summary yet. */
  public List<RunSummary> lastSummaries(int n) throws IOException {
    if (!Files.exists(summaryFile())) {
      return List.of();
    }
    List<RunSummary> all = new ArrayList<>();
    for (String line : Files.readAllLines(summaryFile(), StandardCharsets.UTF_8)) {
      try {
        all.add(RunSummary.parse(line));
      } catch (IllegalArgumentException e) {
        // a line someone added by hand: the status page shows runs, not noise
      }
    }
    return List.copyOf(all.subList(Math.max(0, all.size() - n), all.size()));
  }

  /** Held while a run works; closing it lets the next run in. */
  public static final class RunLock implements AutoCloseable {
    private final FileChannel channel;
    private final FileLock lock;
    private final FlockHold flock;

    private RunLock(FileChannel channel, FileLock lock, FlockHold flock) {
      this.channel = channel;
      this.lock = lock;
      this.flock = flock;
    }

    @Override
    public void close() throws IOException {
      try {
        if (flock != null) {
          flock.close();
        }
      } finally {
        try {
          lock.release();
        } finally {
          channel.close();
        }
      }
    }
  }

  /**
   * Takes {@code backport.lock}, or returns empty when another run (this process or another)
   * holds it. Both kinds of lock are taken: a POSIX record lock (what another JVM's run takes,
   * and what keeps two runs of this JVM apart) and, where util-linux's {@code flock} is installed,
   * an flock(2) lock (what run-now takes). The lock file stays; the locks go with the process,
   * so a killed run never blocks the next one.
   */
  public Optional<RunLock> tryLock() throws IOException {
    Files.createDirectories(dir);
    Path file = dir.resolve(LOCK);
    FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
    try {
      FileLock lock = ch.tryLock();
      if (lock != null) {
        if (!FlockHold.available()) {
          return Optional.of(new RunLock(ch, lock, null));
        }
        Optional<FlockHold> flock = FlockHold.tryHold(file);
        if (flock.isPresent()) {
          return Optional.of(new RunLock(ch, lock, flock.get()));
        }
        lock.release();
      }
    } catch (OverlappingFileLockException e) {
      // held by this JVM: a run from the schedule while a watched report's run is still going
    } catch (IOException | RuntimeException e) {
      ch.close();
      throw e;
    }
    ch.close();
    return Optional.empty();
  }

  /**
   * Deletes run and kernel logs, and run folders ({@code run-<time>}, with all they hold), last
   * modified more than {@code maxAge} before {@code now}; {@code summary.log}, the lock and files
   * not named like ours are kept. Links are removed, never followed. Returns what went.
   */
  public List<Path> prune(Instant now, Duration maxAge) throws IOException {
    List<Path> deleted = new ArrayList<>();
    if (!Files.isDirectory(dir)) {
      return deleted;
    }
    Instant cutoff = now.minus(maxAge);
    try (DirectoryStream<Path> files = Files.newDirectoryStream(dir)) {
      for (Path f : files) {
        String name = f.getFileName().toString();
        boolean file = OURS.matcher(name).matches() && Files.isRegularFile(f, java.nio.file.LinkOption.NOFOLLOW_LINKS);
        boolean folder = runFolderStart(name).isPresent() && Files.isDirectory(f, java.nio.file.LinkOption.NOFOLLOW_LINKS);
        if ((file || folder)
            && Files.getLastModifiedTime(f, java.nio.file.LinkOption.NOFOLLOW_LINKS).toInstant().isBefore(cutoff)) {
          deleteTree(f);
          deleted.add(f);
        }
      }
    }
    deleted.sort(null);
    return deleted;
  }

  private static void deleteTree(Path top) throws IOException {
    try (java.util.stream.Stream<Path> walk = Files.walk(top)) {
      for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
