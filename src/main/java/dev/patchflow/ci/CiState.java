package dev.patchflow.ci;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * What the bridge remembers between cycles and across restarts, in one JSON file under the base
 * directory: the checks it posted (so an unchanged check is not posted again without asking the
 * server first), the conflicts it already commented on, when each series branch lost its pull
 * request, and the last result mailed for each series. Pull requests themselves are not kept here:
 * GitHub is asked for them by branch, so a lost file can never cause a duplicate.
 */
public final class CiState {
  private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
      .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS).enable(SerializationFeature.INDENT_OUTPUT);
  private final Path file;
  private final Data data;
  /** Whether anything changed since the file was last written (an idle pass writes nothing). */
  private boolean dirty;

  /** The file's contents; maps are sorted so the file diffs well. */
  @JsonIgnoreProperties(ignoreUnknown = true)
  record Data(Map<String, PwCheck> checks, Map<String, String> conflicts, Map<String, Instant> orphanedBranches,
      Map<Long, CheckState> mailed) {
    Data {
      checks = checks == null ? new TreeMap<>() : new TreeMap<>(checks);
      conflicts = conflicts == null ? new TreeMap<>() : new TreeMap<>(conflicts);
      orphanedBranches = orphanedBranches == null ? new TreeMap<>() : new TreeMap<>(orphanedBranches);
      mailed = mailed == null ? new TreeMap<>() : new TreeMap<>(mailed);
    }
  }

  private CiState(Path file, Data data) {
    this.file = file;
    this.data = data;
  }

  /** The state in {@code file}, empty when there is none yet. */
  public static CiState load(Path file) {
    if (!Files.exists(file)) {
      return new CiState(file, new Data(null, null, null, null));
    }
    try {
      return new CiState(file, JSON.readValue(file.toFile(), Data.class));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the CI bridge state " + file + ": " + e.getMessage(), e);
    }
  }

  public synchronized Optional<PwCheck> posted(long patchId, String context) {
    return Optional.ofNullable(data.checks().get(patchId + "/" + context));
  }

  public synchronized void posted(long patchId, PwCheck check) {
    dirty = true;
    data.checks().put(patchId + "/" + check.context(), check);
  }

  /** Whether the conflict of this series branch, with this error, was already commented. */
  public synchronized boolean conflictCommented(String branch, String error) {
    return error.equals(data.conflicts().get(branch));
  }

  public synchronized void conflictCommented(String branch, String error, boolean done) {
    String before = done ? data.conflicts().put(branch, error) : data.conflicts().remove(branch);
    dirty |= done ? !error.equals(before) : before != null;
  }

  /** When a series branch was first seen without an open pull request (it is deleted after a TTL). */
  public synchronized Instant orphaned(String branch, Instant now) {
    return data.orphanedBranches().computeIfAbsent(branch, b -> {
      dirty = true;
      return now;
    });
  }

  public synchronized void forgetBranch(String branch) {
    dirty |= data.orphanedBranches().remove(branch) != null | data.conflicts().remove(branch) != null;
  }

  /** The last result mailed for a series (a Patchwork series is one version), if any. */
  public synchronized Optional<CheckState> mailed(long seriesId) {
    return Optional.ofNullable(data.mailed().get(seriesId));
  }

  public synchronized void mailed(long seriesId, CheckState result) {
    dirty = true;
    data.mailed().put(seriesId, result);
  }

  /** Writes the state: to a new file first, so a crash leaves the old one whole. */
  public synchronized void save() {
    if (!dirty) {
      return;
    }
    try {
      Files.createDirectories(file.toAbsolutePath().getParent());
      Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
      JSON.writeValue(tmp.toFile(), data);
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      dirty = false;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the CI bridge state " + file + ": " + e.getMessage(), e);
    }
  }
}
