package dev.patchflow.mail;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Splits a text body into the message and the diff, with a line state machine: git diffs with
 * extended headers (renames, modes, binary), unified diffs with no git header, CVS "Index:"
 * diffs. Hunk lines are counted from the @@ header so a "-- " signature after the last hunk is
 * not taken for a removed line.
 */
public final class DiffExtractor {
  private static final Pattern HUNK = Pattern.compile("^@@ -(\\d+)(?:,(\\d+))? \\+(\\d+)(?:,(\\d+))? @@.*");
  private static final Pattern BASE85 = Pattern.compile("^[A-Za-z][0-9A-Za-z!#$%&()*+;<=>?@^_`{|}~-]+$");

  private DiffExtractor() {}

  /** The message part and the diff (null when the text holds no diff). */
  public record Split(String message, Diff diff) {}

  private enum State { TEXT, HEADER, HUNK, BINARY, AFTER }

  public static Split split(String text) {
    String[] lines = Lines.of(text);
    StringBuilder message = new StringBuilder();
    StringBuilder diff = new StringBuilder();
    List<FileChange> files = new ArrayList<>();
    FileBuilder file = null;
    State state = State.TEXT;
    int oldLeft = 0;
    int newLeft = 0;
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i];
      boolean consumed = false;
      if (state == State.HUNK) {
        if (oldLeft <= 0 && newLeft <= 0) {
          state = State.AFTER;
        } else if (line.startsWith("+")) {
          newLeft--;
          file.added++;
          consumed = true;
        } else if (line.startsWith("-")) {
          oldLeft--;
          file.removed++;
          consumed = true;
        } else if (line.startsWith(" ") || line.isEmpty()) {
          oldLeft--;
          newLeft--;
          consumed = true;
        } else if (line.startsWith("\\")) {
          consumed = true;
        } else {
          state = State.AFTER; // a mangled hunk: the diff ends here
        }
        if (consumed && oldLeft <= 0 && newLeft <= 0) {
          state = State.AFTER;
        }
      } else if (state == State.BINARY) {
        if (line.isEmpty() || BASE85.matcher(line).matches() || line.startsWith("literal ")
            || line.startsWith("delta ")) {
          consumed = true;
        } else {
          state = State.AFTER;
        }
      }
      if (!consumed && line.startsWith("\\") && state == State.AFTER) {
        consumed = true; // "\ No newline at end of file" after the last counted line
      }
      if (!consumed && (state == State.HEADER || state == State.AFTER)) {
        Matcher h = line.startsWith("@@ ") ? HUNK.matcher(line) : null;
        if (h != null && h.matches() && file != null) {
          oldLeft = h.group(2) == null ? 1 : count(h.group(2));
          newLeft = h.group(4) == null ? 1 : count(h.group(4));
          state = oldLeft <= 0 && newLeft <= 0 ? State.AFTER : State.HUNK;
          consumed = true;
        } else if (line.equals("GIT binary patch") && file != null) {
          file.binary = true;
          state = State.BINARY;
          consumed = true;
        } else if (state == State.HEADER && isExtendedHeader(line) && file != null) {
          file.header(line);
          consumed = true;
        }
      }
      if (!consumed) {
        int start = diffStartsAt(lines, i);
        if (start > 0) {
          if (file != null) {
            files.add(file.build());
          }
          file = new FileBuilder();
          state = State.HEADER;
          for (int j = i; j < i + start; j++) {
            file.header(lines[j]);
            diff.append(lines[j]).append('\n');
          }
          i += start - 1;
          continue;
        }
        if (state == State.TEXT) {
          message.append(line).append('\n');
        } else {
          // Text after the diff (usually the "-- " signature): the diff is over.
          break;
        }
        continue;
      }
      diff.append(line).append('\n');
    }
    if (file != null) {
      files.add(file.build());
    }
    if (diff.length() == 0) {
      return new Split(stripTrailingBlank(text), null);
    }
    String diffText = diff.toString();
    return new Split(stripTrailingBlank(message.toString()), new Diff(diffText, files, PatchHash.of(diffText)));
  }

  /** How many lines, starting at i, form the header that opens a file's diff; 0 if none. */
  private static int diffStartsAt(String[] lines, int i) {
    String line = lines[i];
    if (line.startsWith("diff --git ") || line.startsWith("diff -")) {
      return 1;
    }
    if (line.startsWith("Index: ") && i + 1 < lines.length && lines[i + 1].startsWith("====")) {
      return 2;
    }
    if (line.startsWith("--- ") && i + 2 < lines.length && lines[i + 1].startsWith("+++ ")
        && lines[i + 2].startsWith("@@ ")) {
      return 2;
    }
    return 0;
  }

  /** A hunk line count; absurd ones (a mangled header) are capped rather than overflowing. */
  private static int count(String digits) {
    return digits.length() > 9 ? Integer.MAX_VALUE : Integer.parseInt(digits);
  }

  private static boolean isExtendedHeader(String line) {
    return line.startsWith("--- ") || line.startsWith("+++ ") || line.startsWith("index ")
        || line.startsWith("old mode ") || line.startsWith("new mode ")
        || line.startsWith("deleted file mode ") || line.startsWith("new file mode ")
        || line.startsWith("similarity index ") || line.startsWith("dissimilarity index ")
        || line.startsWith("rename from ") || line.startsWith("rename to ")
        || line.startsWith("copy from ") || line.startsWith("copy to ")
        || line.startsWith("Binary files ") || line.startsWith("RCS file: ")
        || line.startsWith("retrieving revision ")
        || (line.startsWith("diff -") && !line.startsWith("diff --git "))
        || line.startsWith("====");
  }

  private static String stripTrailingBlank(String s) {
    int end = s.length();
    while (end > 0 && Character.isWhitespace(s.charAt(end - 1))) {
      end--;
    }
    return s.substring(0, end);
  }

  /** Collects what the headers of one file's diff say. */
  private static final class FileBuilder {
    String oldPath;
    String newPath;
    FileChange.Status status = FileChange.Status.MODIFIED;
    boolean binary;
    boolean modeChange;
    int added;
    int removed;

    void header(String line) {
      if (line.startsWith("diff --git ")) {
        String[] paths = gitHeaderPaths(line.substring(11));
        oldPath = paths[0];
        newPath = paths[1];
      } else if (line.startsWith("Index: ")) {
        oldPath = newPath = line.substring(7).strip();
      } else if (line.startsWith("--- ")) {
        String p = pathOf(line.substring(4));
        if (p.equals("/dev/null")) {
          status = FileChange.Status.ADDED;
        } else {
          oldPath = p;
        }
      } else if (line.startsWith("+++ ")) {
        String p = pathOf(line.substring(4));
        if (p.equals("/dev/null")) {
          status = FileChange.Status.DELETED;
        } else {
          newPath = p;
        }
      } else if (line.startsWith("new file mode ")) {
        status = FileChange.Status.ADDED;
      } else if (line.startsWith("deleted file mode ")) {
        status = FileChange.Status.DELETED;
      } else if (line.startsWith("rename from ")) {
        status = FileChange.Status.RENAMED;
        oldPath = line.substring(12).strip();
      } else if (line.startsWith("rename to ")) {
        newPath = line.substring(10).strip();
      } else if (line.startsWith("copy from ")) {
        status = FileChange.Status.COPIED;
        oldPath = line.substring(10).strip();
      } else if (line.startsWith("copy to ")) {
        newPath = line.substring(8).strip();
      } else if (line.startsWith("old mode ")) {
        modeChange = true;
      } else if (line.startsWith("Binary files ")) {
        binary = true;
      }
    }

    FileChange build() {
      FileChange.Status s = status;
      if (s == FileChange.Status.MODIFIED && modeChange && added == 0 && removed == 0) {
        s = FileChange.Status.MODE_CHANGED;
      }
      String o = oldPath == null ? (newPath == null ? "" : newPath) : oldPath;
      String n = newPath == null ? o : newPath;
      return new FileChange(o, n, s, binary, added, removed);
    }

    /** "a/x b/y", "x x" (--no-prefix) or quoted names: the two paths of a diff --git line. */
    private static String[] gitHeaderPaths(String rest) {
      if (rest.startsWith("\"")) {
        int close = rest.indexOf('"', 1);
        if (close > 0) {
          return new String[] {stripPrefix(rest.substring(1, close)), stripPrefix(unquote(rest.substring(close + 1).strip()))};
        }
      }
      int b = rest.indexOf(" b/");
      if (rest.startsWith("a/") && b > 0) {
        return new String[] {rest.substring(2, b), unquote(rest.substring(b + 3))};
      }
      int mid = rest.length() / 2;
      if (rest.length() % 2 == 1 && rest.charAt(mid) == ' ' && rest.substring(0, mid).equals(rest.substring(mid + 1))) {
        return new String[] {rest.substring(0, mid), rest.substring(0, mid)};
      }
      int space = rest.indexOf(' ');
      return space < 0 ? new String[] {rest, rest} : new String[] {rest.substring(0, space), rest.substring(space + 1)};
    }

    private static String pathOf(String spec) {
      // "--- a/foo.c\t2009-01-01 ..." : the path ends at a tab; git quotes odd names.
      String p = spec;
      int tab = p.indexOf('\t');
      if (tab >= 0) {
        p = p.substring(0, tab);
      }
      p = unquote(p.strip());
      return p.equals("/dev/null") ? p : stripPrefix(p);
    }

    private static String unquote(String p) {
      return p.length() >= 2 && p.startsWith("\"") && p.endsWith("\"") ? p.substring(1, p.length() - 1) : p;
    }

    private static String stripPrefix(String p) {
      return p.startsWith("a/") || p.startsWith("b/") ? p.substring(2) : p;
    }
  }
}
