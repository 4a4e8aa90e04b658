package dev.patchflow.backport.history;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.patchflow.backport.RunLogFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads what {@code patchflow backport} left in its log directory: one folder
 * {@code run-yyyyMMdd-HHmmss} per run with {@code backport.log}, {@code results.jsonl} and, per
 * candidate, {@code <kernel>/<sha12>/*.log}. Reads only; names from a request (run ids, file
 * paths) are checked here, so a caller can hand them over as they came.
 */
public final class RunHistory {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Path logDir;

  public RunHistory(Path logDir) {
    this.logDir = logDir;
  }

  public Path logDir() {
    return logDir;
  }

  /** The last part of a file, as text. */
  public record Text(String text, long size, boolean truncated) {}

  /** The newest {@code limit} runs, newest first; none when the directory does not exist yet. */
  public List<Run> runs(int limit) {
    List<String> names = new ArrayList<>();
    if (!Files.isDirectory(logDir)) {
      return List.of();
    }
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(logDir)) {
      for (Path p : entries) {
        String name = p.getFileName().toString();
        if (start(name).isPresent() && Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
          names.add(name);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + logDir, e);
    }
    // fixed-width digits: the names sort as the times do
    names.sort(java.util.Comparator.reverseOrder());
    // a folder pruned since the listing just drops out
    return names.stream().limit(limit).flatMap(n -> run(n).stream()).toList();
  }

  /** One run; empty when {@code id} is not the name of a run folder here. */
  public Optional<Run> run(String id) {
    Optional<Path> dir = runDir(id);
    if (dir.isEmpty()) {
      return Optional.empty();
    }
    Path results = dir.get().resolve(RunLogFiles.RESULTS);
    if (!Files.isRegularFile(results)) {
      return Optional.of(new Run(id, start(id).orElseThrow(), true, List.of(), List.of()));
    }
    List<RunRecord> records = new ArrayList<>();
    List<Run.BadLine> bad = new ArrayList<>();
    List<String> lines;
    try {
      lines = Files.readAllLines(results, StandardCharsets.UTF_8);
    } catch (IOException e) {
      // not UTF-8, or unreadable: say so rather than show an empty run
      return Optional.of(new Run(id, start(id).orElseThrow(), false, List.of(),
          List.of(new Run.BadLine(0, "cannot read " + RunLogFiles.RESULTS + ": " + e.getMessage()))));
    }
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i).isBlank()) {
        continue;
      }
      try {
        records.add(record(lines.get(i)));
      } catch (IllegalArgumentException e) {
        bad.add(new Run.BadLine(i + 1, e.getMessage()));
      }
    }
    return Optional.of(new Run(id, start(id).orElseThrow(), false, records, bad));
  }

  /** Reads one line of {@code results.jsonl}; unknown fields are ignored. */
  static RunRecord record(String line) {
    JsonNode o;
    try {
      o = JSON.readTree(line);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("not JSON: " + e.getOriginalMessage());
    }
    if (o == null || !o.isObject()) {
      throw new IllegalArgumentException("not a JSON object");
    }
    for (String key : List.of("kernel", "sha", "status")) {
      if (!o.path(key).isTextual() || o.path(key).asText().isBlank()) {
        throw new IllegalArgumentException("no \"" + key + "\"");
      }
    }
    return new RunRecord(o.get("kernel").asText(), o.get("sha").asText(), text(o, "subject"), o.get("status").asText(),
        text(o, "reason"), text(o, "route"), list(o, "specs"), list(o, "patch_numbers"), list(o, "cves"),
        orNull(o, "patch_file"), list(o, "build_logs"), orNull(o, "test_log"), orNull(o, "pr_url"));
  }

  private static String text(JsonNode o, String key) {
    JsonNode v = o.path(key);
    return v.isValueNode() && !v.isNull() ? v.asText() : "";
  }

  private static String orNull(JsonNode o, String key) {
    String s = text(o, key);
    return s.isEmpty() ? null : s;
  }

  private static List<String> list(JsonNode o, String key) {
    JsonNode v = o.path(key);
    List<String> out = new ArrayList<>();
    if (v.isArray()) {
      v.forEach(e -> out.add(e.asText()));
    } else if (v.isValueNode() && !v.isNull()) {
      out.add(v.asText());
    }
    return out;
  }

  /**
   * A file inside a run folder, by its path relative to the folder ({@code 6.1/0123456789ab/apply-check.log}).
   * Empty for anything else: an unknown run, {@code ..} or {@code .} segments, an absolute path,
   * a path that leads (through symbolic links or not) outside the run folder, or anything but a
   * regular file.
   */
  public Optional<Path> file(String runId, String relative) {
    return runDir(runId).flatMap(dir -> inside(dir, relative)).filter(Files::isRegularFile);
  }

  /** The last {@code cap} bytes of {@link #file}, decoded as UTF-8 (bad bytes replaced). */
  public Optional<Text> read(String runId, String relative, int cap) {
    Optional<Path> file = file(runId, relative);
    if (file.isEmpty()) {
      return Optional.empty();
    }
    try (SeekableByteChannel ch = Files.newByteChannel(file.get())) {
      long size = ch.size();
      int n = (int) Math.min(size, cap);
      ch.position(size - n);
      ByteBuffer buf = ByteBuffer.allocate(n);
      while (buf.hasRemaining() && ch.read(buf) > 0) {
        // reads until full or the end
      }
      byte[] bytes = buf.array();
      int from = 0;
      // a cut inside a character: start at the next whole one
      while (size > n && from < bytes.length && from < 3 && (bytes[from] & 0xC0) == 0x80) {
        from++;
      }
      return Optional.of(new Text(new String(bytes, from, buf.position() - from, StandardCharsets.UTF_8), size, size > n));
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  /** The regular files at the top of a run folder ({@code backport.log}, {@code results.jsonl}), sorted. */
  public List<String> runFiles(String runId) {
    return runDir(runId).map(dir -> files(dir, "")).orElse(List.of());
  }

  /** A result's own logs, {@code <kernel>/<sha12>/<name>} relative to the run folder, sorted. */
  public List<String> logs(String runId, RunRecord r) {
    return runDir(runId).map(dir -> files(dir, r.kernel() + "/" + r.sha12() + "/")).orElse(List.of());
  }

  /** The names in {@code dir/prefix} that {@link #file} would serve, each as prefix + name. */
  private static List<String> files(Path dir, String prefix) {
    Optional<Path> folder = prefix.isEmpty() ? Optional.of(dir)
        : inside(dir, prefix.substring(0, prefix.length() - 1)).filter(Files::isDirectory);
    List<String> out = new ArrayList<>();
    if (folder.isEmpty()) {
      return out;
    }
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(folder.get())) {
      for (Path p : entries) {
        String rel = prefix + p.getFileName();
        if (inside(dir, rel).filter(Files::isRegularFile).isPresent()) {
          out.add(rel);
        }
      }
    } catch (IOException e) {
      return List.of();
    }
    out.sort(null);
    return out;
  }

  private Optional<Path> runDir(String id) {
    if (id == null || start(id).isEmpty()) {
      return Optional.empty();
    }
    Path dir = logDir.resolve(id);
    return Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS) ? Optional.of(dir) : Optional.empty();
  }

  private static Optional<Instant> start(String name) {
    return RunLogFiles.runFolderStart(name);
  }

  /** The real path of {@code relative} under {@code dir} when it exists and stays inside it. */
  private static Optional<Path> inside(Path dir, String relative) {
    if (relative == null || relative.isEmpty() || relative.startsWith("/") || relative.indexOf('\\') >= 0
        || relative.indexOf('\0') >= 0) {
      return Optional.empty();
    }
    for (String segment : relative.split("/", -1)) {
      if (segment.isEmpty() || segment.equals(".") || segment.equals("..")) {
        return Optional.empty();
      }
    }
    try {
      Path rel = Path.of(relative);
      if (rel.isAbsolute()) {
        return Optional.empty();
      }
      Path root = dir.toRealPath();
      Path real = root.resolve(rel).toRealPath();
      return real.startsWith(root) && !real.equals(root) ? Optional.of(real) : Optional.empty();
    } catch (InvalidPathException | IOException e) {
      return Optional.empty();
    }
  }
}
