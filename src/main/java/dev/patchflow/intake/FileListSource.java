package dev.patchflow.intake;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** One mail per file: a maildir's cur/ and new/, or single .eml files. */
public final class FileListSource implements MailSource {
  private final List<Path> files;
  private final long size;
  private int index;
  private volatile long position;

  public FileListSource(List<Path> files) throws IOException {
    this.files = List.copyOf(files);
    long total = 0;
    for (Path f : files) {
      total += Files.size(f);
    }
    this.size = total;
  }

  @Override
  public RawMail next() throws IOException {
    if (index >= files.size()) {
      return null;
    }
    Path f = files.get(index++);
    byte[] bytes = Files.readAllBytes(f);
    position += bytes.length;
    return new RawMail(bytes, f.toString());
  }

  @Override
  public long position() {
    return position;
  }

  @Override
  public long size() {
    return size;
  }

  @Override
  public void close() {}
}
