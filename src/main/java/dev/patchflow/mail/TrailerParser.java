package dev.patchflow.mail;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds real trailer lines: "Name: value" at the start of a line, with a known name and a
 * value of the right shape (a person with an address, a commit id, a URL, a Message-ID).
 * Quoted lines ("> Reviewed-by: ...") and prose ("Fixes: the crash when ...") are not trailers.
 */
public final class TrailerParser {
  private static final Pattern LINE = Pattern.compile("^([A-Za-z][A-Za-z0-9-]*):[ \\t]*(\\S.*?)\\s*$");
  private static final Pattern COMMIT = Pattern.compile("^[0-9a-fA-F]{8,40}\\b.*");
  private static final Pattern STABLE = Pattern.compile(".*\\bstable@(vger\\.)?kernel\\.org\\b.*", Pattern.CASE_INSENSITIVE);
  private static final Map<String, String> CANONICAL = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);

  static {
    for (String k : List.of(Trailer.SIGNED_OFF_BY, Trailer.REVIEWED_BY, Trailer.ACKED_BY,
        Trailer.TESTED_BY, Trailer.REPORTED_BY, Trailer.SUGGESTED_BY, Trailer.NACKED_BY,
        "Co-developed-by", Trailer.FIXES, Trailer.LINK, "Closes", Trailer.CC_STABLE,
        Trailer.BASED_ON, Trailer.SUPERSEDES, Trailer.DEPENDS_ON)) {
      CANONICAL.put(k, k);
    }
  }

  private TrailerParser() {}

  /**
   * Trailers in a message text. Scanning stops at a "-- " signature; in a patch, the caller
   * passes only the commit message (above the "---" line).
   */
  public static List<Trailer> parse(String text) {
    List<Trailer> out = new ArrayList<>();
    for (String line : Lines.of(text)) {
      if (line.equals("-- ")) {
        break;
      }
      Matcher m = LINE.matcher(line);
      if (!m.matches()) {
        continue;
      }
      String key = CANONICAL.get(m.group(1));
      String value = m.group(2);
      if (key != null && valueFits(key, value)) {
        out.add(new Trailer(key, value));
      }
    }
    return out;
  }

  private static boolean valueFits(String key, String value) {
    String k = key.toLowerCase(Locale.ROOT);
    if (k.endsWith("-by")) {
      return value.contains("@");
    }
    return switch (key) {
      case Trailer.FIXES -> COMMIT.matcher(value).matches();
      case Trailer.LINK, "Closes" -> value.startsWith("http://") || value.startsWith("https://");
      case Trailer.CC_STABLE -> STABLE.matcher(value).matches();
      case Trailer.SUPERSEDES -> value.contains("@") || value.startsWith("<");
      case Trailer.BASED_ON, Trailer.DEPENDS_ON ->
          value.startsWith("<") || COMMIT.matcher(value).matches() || value.startsWith("http")
              || value.contains("@") || !value.contains(" ");
      default -> true;
    };
  }
}
