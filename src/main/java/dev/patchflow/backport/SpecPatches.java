package dev.patchflow.backport;

import dev.patchflow.git.Git;
import dev.patchflow.git.GitException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.stream.Stream;

/**
 * The patch files of a spec folder (CVE/, and every other folder the Patch lines point into),
 * read once a run: the upstream commits their messages name, and the patch-id of each file's
 * diff, so a fix already carried under another name (Photon names files by subject) is seen.
 */
public final class SpecPatches {
  private final StableIndex.Markers markers;
  private final Map<String, String> byPatchId;

  private SpecPatches(StableIndex.Markers markers, Map<String, String> byPatchId) {
    this.markers = markers;
    this.byPatchId = byPatchId;
  }

  public static SpecPatches empty() {
    return new SpecPatches(new StableIndex.Markers(), Map.of());
  }

  /** Reads every {@code *.patch} file under {@code dir}; patch-ids come from one {@code git patch-id} run in {@code git}. */
  public static SpecPatches read(Path dir, Git git) throws IOException, GitException {
    StableIndex.Markers markers = new StableIndex.Markers();
    Map<String, String> diffs = new LinkedHashMap<>();
    List<Path> files;
    try (Stream<Path> walk = Files.walk(dir)) {
      files = walk.filter(p -> p.getFileName().toString().endsWith(".patch") && Files.isRegularFile(p)).sorted().toList();
    }
    for (Path f : files) {
      String name = dir.relativize(f).toString();
      String text = new String(Files.readAllBytes(f), StandardCharsets.UTF_8);
      Matcher m = StableIndex.MARKER.matcher(text);
      while (m.find()) {
        markers.add(m.group(1) != null ? m.group(1) : m.group(2), name);
      }
      int diff = text.startsWith("diff --git ") ? 0 : text.indexOf("\ndiff --git ");
      if (diff >= 0) {
        diffs.put(name, text.substring(diff == 0 ? 0 : diff + 1));
      }
    }
    Map<String, String> byPatchId = new HashMap<>();
    git.batch().patchIdsOfDiffs(diffs).forEach((name, id) -> byPatchId.putIfAbsent(id, name));
    return new SpecPatches(markers, byPatchId);
  }

  /** The patch file (relative to the folder) whose message names this upstream commit. */
  public Optional<String> carrying(String upstreamSha) {
    return markers.find(upstreamSha);
  }

  /** The patch file with this patch-id. */
  public Optional<String> withPatchId(String patchId) {
    return Optional.ofNullable(byPatchId.get(patchId));
  }
}
