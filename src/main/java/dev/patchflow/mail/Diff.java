package dev.patchflow.mail;

import java.util.List;

/** The diff part of a mail: the text as sent, the files it touches, and its patch hash. */
public record Diff(String text, List<FileChange> files, String hash) {
  public Diff {
    files = List.copyOf(files);
  }

  public int added() {
    return files.stream().mapToInt(FileChange::added).sum();
  }

  public int removed() {
    return files.stream().mapToInt(FileChange::removed).sum();
  }

  /** A git-style diffstat: one line per file, then the summary line. */
  public String diffstat() {
    int width = files.stream().mapToInt(f -> f.path().length()).max().orElse(0);
    StringBuilder out = new StringBuilder();
    for (FileChange f : files) {
      out.append(' ').append(f.path()).append(" ".repeat(width - f.path().length())).append(" | ");
      if (f.binary()) {
        out.append("Bin");
      } else {
        int n = f.added() + f.removed();
        out.append(n).append(' ').append("+".repeat(Math.min(f.added(), 50)))
            .append("-".repeat(Math.min(f.removed(), 50)));
      }
      out.append('\n');
    }
    out.append(' ').append(files.size()).append(files.size() == 1 ? " file" : " files")
        .append(" changed, ").append(added()).append(" insertions(+), ")
        .append(removed()).append(" deletions(-)\n");
    return out.toString();
  }
}
