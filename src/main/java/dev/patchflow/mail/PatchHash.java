package dev.patchflow.mail;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * A stable hash of a diff, in the spirit of {@code git patch-id}: file names, and the added,
 * removed and context lines with all whitespace removed. Line numbers, index lines and
 * whitespace damage do not change it, so the same change sent twice, or later found in
 * upstream history, hashes the same.
 */
public final class PatchHash {
  private PatchHash() {}

  public static String of(String diffText) {
    MessageDigest sha;
    try {
      sha = MessageDigest.getInstance("SHA-1");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
    boolean binary = false;
    for (String line : diffText.split("\n")) {
      if (line.startsWith("diff ")) {
        binary = false;
      } else if (line.equals("GIT binary patch")) {
        binary = true;
      }
      String kept = binary ? line.strip() : normalise(line);
      if (kept != null) {
        sha.update(kept.getBytes(StandardCharsets.UTF_8));
        sha.update((byte) '\n');
      }
    }
    return HexFormat.of().formatHex(sha.digest());
  }

  private static String withoutWhitespace(String line) {
    StringBuilder b = new StringBuilder(line.length());
    b.append(line.charAt(0));
    for (int i = 1; i < line.length(); i++) {
      char c = line.charAt(i);
      if (!Character.isWhitespace(c)) {
        b.append(c);
      }
    }
    return b.toString();
  }

  private static String normalise(String line) {
    if (line.startsWith("--- ") || line.startsWith("+++ ")) {
      String path = line.substring(4);
      int tab = path.indexOf('\t');
      if (tab >= 0) {
        path = path.substring(0, tab);
      }
      path = path.strip();
      if (path.startsWith("a/") || path.startsWith("b/")) {
        path = path.substring(2);
      }
      return line.substring(0, 4) + path;
    }
    if (line.startsWith("diff --git ")) {
      return line.strip();
    }
    if (line.startsWith("@@")) {
      return "@@";
    }
    if (line.startsWith("rename ") || line.startsWith("copy ") || line.startsWith("new file mode")
        || line.startsWith("deleted file mode") || line.startsWith("old mode")
        || line.startsWith("new mode") || line.startsWith("literal ") || line.startsWith("delta ")) {
      return line.strip();
    }
    if (line.startsWith("+") || line.startsWith("-") || line.startsWith(" ")) {
      return withoutWhitespace(line);
    }
    return null;
  }
}
