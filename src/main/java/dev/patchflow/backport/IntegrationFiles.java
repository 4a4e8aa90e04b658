package dev.patchflow.backport;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The file side of {@link Integration}: reads specs and the patch lists they name from their
 * folder (rpm's _sourcedir in Photon's tree), and writes the patch files into the {@code CVE/}
 * folder beside the specs, where Photon keeps backported fixes, and the edited specs back.
 */
public final class IntegrationFiles {
  /** Photon keeps backported fixes here, beside the spec; Patch lines use the bare file name. */
  public static final String PATCH_DIR = "CVE";

  private IntegrationFiles() {}

  public static Integration.Target read(Path spec) throws IOException {
    return new Reader().read(spec);
  }

  /**
   * Reads the same specs for plan after plan (a run integrates each fix into the line's specs as
   * they are on its branch): a spec whose bytes are those of the last read is not decoded and
   * parsed again, and keeps what its parse worked out. Photon's specs are 2,000 lines; a month
   * brings hundreds of fixes.
   */
  public static final class Reader {
    private final Map<Path, Parsed> last = new HashMap<>();

    private record Parsed(byte[] bytes, SpecFile spec) {}

    public Integration.Target read(Path spec) throws IOException {
      byte[] bytes = Files.readAllBytes(spec);
      Parsed p = last.get(spec);
      if (p == null || !Arrays.equals(p.bytes(), bytes)) {
        p = new Parsed(bytes, SpecFile.parse(spec.toString(), utf8(spec, bytes)));
        last.put(spec, p);
      }
      return withLists(spec, p.spec());
    }
  }

  /** Strictly: a byte that is not UTF-8 would come back as U+FFFD in the spec written. */
  private static String utf8(Path file, byte[] bytes) throws IOException {
    try {
      return StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(bytes)).toString();
    } catch (java.nio.charset.CharacterCodingException e) {
      throw new IOException(file + ": not UTF-8 text (" + e + ")", e);
    }
  }

  private static Integration.Target withLists(Path spec, SpecFile parsed) throws IOException {
    Map<String, String> lists = new LinkedHashMap<>();
    Path dir = folder(spec);
    for (String name : parsed.patchListFiles()) {
      Path f = dir.resolve(name);
      if (Files.isRegularFile(f)) {
        lists.put(name, Files.readString(f, StandardCharsets.UTF_8));
      }
    }
    return new Integration.Target(parsed, lists);
  }

  public static Path patchDir(Path spec) {
    return folder(spec).resolve(PATCH_DIR);
  }

  /**
   * Writes the patches (file name to text) into every spec folder's patch dir, then the specs. A
   * patch file already there with other content is an error, before anything is written.
   *
   * @return the patch files written or found identical
   */
  public static List<Path> write(List<Path> specs, Integration.Integrated result, Map<String, String> patches)
      throws IOException {
    Set<Path> dirs = new LinkedHashSet<>();
    specs.forEach(s -> dirs.add(patchDir(s)));
    Set<Path> files = new LinkedHashSet<>();
    for (Path dir : dirs) {
      for (Map.Entry<String, String> p : patches.entrySet()) {
        Path f = dir.resolve(p.getKey());
        if (Files.exists(f) && !Files.readString(f, StandardCharsets.UTF_8).equals(p.getValue())) {
          throw new IOException(f + " exists with other content; not overwriting it");
        }
        files.add(f);
      }
    }
    for (Path dir : dirs) {
      Files.createDirectories(dir);
      for (Map.Entry<String, String> p : patches.entrySet()) {
        replace(dir.resolve(p.getKey()), p.getValue());
      }
    }
    for (int i = 0; i < specs.size(); i++) {
      replace(specs.get(i), result.specs().get(i).text());
    }
    return List.copyOf(files);
  }

  private static void replace(Path file, String text) throws IOException {
    Path tmp = file.resolveSibling("." + file.getFileName() + ".tmp");
    Files.writeString(tmp, text, StandardCharsets.UTF_8);
    Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }

  private static Path folder(Path spec) {
    Path parent = spec.toAbsolutePath().getParent();
    return parent != null ? parent : Path.of(".");
  }
}
