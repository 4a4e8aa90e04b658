package dev.patchflow.store;

import dev.patchflow.mail.Trailer;
import java.util.ArrayList;
import java.util.List;

/** A mail's trailers as stored in one column: "Name: value", one a line. */
final class Trailers {
  private Trailers() {}

  static String join(List<Trailer> trailers) {
    if (trailers.isEmpty()) {
      return null;
    }
    StringBuilder b = new StringBuilder();
    for (Trailer t : trailers) {
      b.append(t.key()).append(": ").append(t.value().replace('\n', ' ')).append('\n');
    }
    return b.toString();
  }

  static List<Trailer> split(String column) {
    if (column == null || column.isEmpty()) {
      return List.of();
    }
    List<Trailer> out = new ArrayList<>();
    for (String line : column.split("\n")) {
      int colon = line.indexOf(": ");
      if (colon > 0) {
        out.add(new Trailer(line.substring(0, colon), line.substring(colon + 2)));
      }
    }
    return out;
  }
}
