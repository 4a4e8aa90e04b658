package dev.patchflow.intake.imap;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;

/**
 * UID bookkeeping in a small file, for a remote importer that has no store of its own. One line
 * per folder (source, folder, UIDVALIDITY, last UID, tab-separated); rewritten whole through a
 * temporary file and a rename, so a crash leaves the old or the new file, never half of one.
 */
public final class FileUids implements UidStore {
  private final Path file;

  public FileUids(Path file) {
    this.file = file;
  }

  @Override
  public synchronized Optional<FolderState> load(String source, String folder) throws IOException {
    return Optional.ofNullable(read().get(key(source, folder)));
  }

  @Override
  public synchronized void save(String source, String folder, FolderState state) throws IOException {
    TreeMap<String, FolderState> all = read();
    all.put(key(source, folder), state);
    List<String> lines = new ArrayList<>();
    all.forEach((k, v) -> lines.add(k + "\t" + v.uidValidity() + "\t" + v.lastUid()));
    Files.createDirectories(file.toAbsolutePath().getParent());
    Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
    Files.write(tmp, lines, StandardCharsets.UTF_8);
    Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }

  private static String key(String source, String folder) {
    if ((source + folder).contains("\t") || (source + folder).contains("\n")) {
      throw new UncheckedIOException(new IOException("tab or newline in an IMAP source or folder name"));
    }
    return source + "\t" + folder;
  }

  private TreeMap<String, FolderState> read() throws IOException {
    TreeMap<String, FolderState> out = new TreeMap<>();
    if (!Files.exists(file)) {
      return out;
    }
    for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
      String[] f = line.split("\t");
      if (f.length == 4) {
        out.put(f[0] + "\t" + f[1], new FolderState(Long.parseLong(f[2]), Long.parseLong(f[3])));
      }
    }
    return out;
  }
}
