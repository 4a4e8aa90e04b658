package dev.patchflow.web;

import java.util.ArrayList;
import java.util.List;

/** Diff text as lines marked for colouring; and a line diff of two texts. Pure. */
final class DiffLines {
  private DiffLines() {}

  static List<Views.DiffLine> colour(String diff) {
    List<Views.DiffLine> out = new ArrayList<>();
    if (diff == null) {
      return out;
    }
    for (String line : diff.split("\n", -1)) {
      String kind;
      if (line.startsWith("diff ") || line.startsWith("--- ") || line.startsWith("+++ ") || line.startsWith("index ")) {
        kind = "file";
      } else if (line.startsWith("@@")) {
        kind = "hunk";
      } else if (line.startsWith("+")) {
        kind = "add";
      } else if (line.startsWith("-")) {
        kind = "del";
      } else {
        kind = "ctx";
      }
      out.add(new Views.DiffLine(kind, line));
    }
    return out;
  }

  /**
   * A unified-style line diff of two texts (longest common subsequence; the texts are patch
   * series, a few thousand lines at most).
   */
  static List<Views.DiffLine> between(String a, String b) {
    String[] x = a.split("\n", -1);
    String[] y = b.split("\n", -1);
    if ((long) x.length * y.length > 25_000_000L) {
      return List.of(new Views.DiffLine("hunk", "(too large to compare here: download both mboxes)"));
    }
    int[][] lcs = new int[x.length + 1][y.length + 1];
    for (int i = x.length - 1; i >= 0; i--) {
      for (int j = y.length - 1; j >= 0; j--) {
        lcs[i][j] = x[i].equals(y[j]) ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
      }
    }
    List<Views.DiffLine> out = new ArrayList<>();
    int i = 0;
    int j = 0;
    while (i < x.length || j < y.length) {
      if (i < x.length && j < y.length && x[i].equals(y[j])) {
        out.add(new Views.DiffLine("ctx", " " + x[i]));
        i++;
        j++;
      } else if (j < y.length && (i == x.length || lcs[i][j + 1] >= lcs[i + 1][j])) {
        out.add(new Views.DiffLine("add", "+" + y[j++]));
      } else {
        out.add(new Views.DiffLine("del", "-" + x[i++]));
      }
    }
    return out;
  }
}
