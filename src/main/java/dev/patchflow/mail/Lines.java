package dev.patchflow.mail;

import java.util.ArrayList;
import java.util.List;

/** Splits text on LF or CRLF, keeping empty lines (a regex split costs more on every mail). */
final class Lines {
  private Lines() {}

  static String[] of(String text) {
    List<String> out = new ArrayList<>(text.length() / 40 + 4);
    int start = 0;
    int n = text.length();
    for (int i = 0; i < n; i++) {
      if (text.charAt(i) == '\n') {
        int end = i > start && text.charAt(i - 1) == '\r' ? i - 1 : i;
        out.add(text.substring(start, end));
        start = i + 1;
      }
    }
    out.add(text.substring(start));
    return out.toArray(new String[0]);
  }
}
