package dev.patchflow.mail;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Message-ID normalisation: the text inside the angle brackets, no whitespace. */
public final class MessageIds {
  private static final Pattern BRACKETED = Pattern.compile("<([^<>\\s]+)>");
  static final int MAX_LENGTH = 255;

  private MessageIds() {}

  /** The first Message-ID in a header value, or null if there is none usable. */
  public static String normalise(String value) {
    if (value == null) {
      return null;
    }
    Matcher m = BRACKETED.matcher(value);
    String id;
    if (m.find()) {
      id = m.group(1);
    } else {
      String stripped = value.strip();
      int space = stripped.indexOf(' ');
      id = space >= 0 ? stripped.substring(0, space) : stripped;
      id = id.replace("<", "").replace(">", "");
    }
    String clean = id.isEmpty() ? "" : bounded(id);
    return clean.isEmpty() ? null : clean;
  }

  /**
   * Absurdly long ids (seen in fuzzed and spam mail) are cut and suffixed with a hash of the
   * whole, so they still fit a column and still match the References that name them.
   */
  static String bounded(String raw) {
    // Control characters (NUL above all) have no place in an id and break PostgreSQL text.
    String id = raw.chars().anyMatch(c -> c < 0x20 || c == 0x7f) ? raw.replaceAll("\\p{Cntrl}", "") : raw;
    if (id.length() <= MAX_LENGTH) {
      return id;
    }
    try {
      byte[] d = java.security.MessageDigest.getInstance("SHA-1")
          .digest(id.getBytes(java.nio.charset.StandardCharsets.UTF_8));
      return id.substring(0, 200) + "#" + java.util.HexFormat.of().formatHex(d);
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The messages a mail answers, nearest first: In-Reply-To, then References newest first. */
  public static List<String> parents(String inReplyTo, List<String> references, String self) {
    List<String> out = new ArrayList<>();
    if (inReplyTo != null) {
      out.add(inReplyTo);
    }
    for (int i = references.size() - 1; i >= 0; i--) {
      if (!out.contains(references.get(i))) {
        out.add(references.get(i));
      }
    }
    out.remove(self);
    return out;
  }

  /** All Message-IDs in a References-style header, oldest first. */
  public static List<String> all(String value) {
    List<String> out = new ArrayList<>();
    if (value == null) {
      return out;
    }
    Matcher m = BRACKETED.matcher(value);
    while (m.find()) {
      String id = bounded(m.group(1));
      if (!id.isEmpty() && !out.contains(id)) {
        out.add(id);
      }
    }
    return out;
  }
}
