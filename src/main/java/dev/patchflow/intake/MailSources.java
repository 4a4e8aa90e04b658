package dev.patchflow.intake;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Works out what each path given to import is: an mbox (also .gz), a maildir (cur/ and new/),
 * a single mail file, or a directory holding any of these.
 */
public final class MailSources {
  private MailSources() {}

  public static List<MailSource> open(List<Path> paths) throws IOException {
    List<MailSource> out = new ArrayList<>();
    for (Path p : paths) {
      if (!Files.exists(p)) {
        throw new IOException(p + ": no such file or directory");
      }
      collect(p, out);
    }
    return out;
  }

  private static void collect(Path p, List<MailSource> out) throws IOException {
    if (Files.isDirectory(p)) {
      if (Files.isDirectory(p.resolve("cur")) || Files.isDirectory(p.resolve("new"))) {
        List<Path> files = new ArrayList<>();
        for (String sub : List.of("new", "cur")) {
          Path d = p.resolve(sub);
          if (Files.isDirectory(d)) {
            files.addAll(sortedFiles(d));
          }
        }
        out.add(new FileListSource(files));
        return;
      }
      List<Path> singles = new ArrayList<>();
      try (Stream<Path> children = Files.list(p)) {
        for (Path c : children.sorted().toList()) {
          if (Files.isDirectory(c)) {
            collect(c, out);
          } else if (isMbox(c)) {
            out.add(new MboxReader(c));
          } else if (!c.getFileName().toString().startsWith(".")) {
            singles.add(c);
          }
        }
      }
      if (!singles.isEmpty()) {
        out.add(new FileListSource(singles));
      }
      return;
    }
    out.add(isMbox(p) ? new MboxReader(p) : new FileListSource(List.of(p)));
  }

  private static List<Path> sortedFiles(Path dir) throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      return s.filter(Files::isRegularFile).sorted().toList();
    }
  }

  /** .gz archives and files whose first line is an mbox "From " line. */
  static boolean isMbox(Path file) throws IOException {
    String name = file.getFileName().toString();
    if (name.endsWith(".gz") || name.endsWith(".mbox") || name.endsWith(".mbx")) {
      return true;
    }
    byte[] head = new byte[5];
    try (InputStream in = Files.newInputStream(file)) {
      return in.readNBytes(head, 0, 5) == 5 && new String(head, java.nio.charset.StandardCharsets.ISO_8859_1).equals("From ");
    }
  }
}
