package dev.patchflow.gittree;

/**
 * The tag an applied series is pushed as: patchflow/ and its Message-ID, with what git does not
 * allow in a ref name (see git-check-ref-format) replaced by '_', so that people can guess the
 * tag of a series from its mail.
 */
public final class TagName {
  public static final String PREFIX = "patchflow/";

  private TagName() {}

  public static String of(String messageId) {
    String id = messageId.strip();
    if (id.startsWith("<") && id.endsWith(">")) {
      id = id.substring(1, id.length() - 1);
    }
    StringBuilder b = new StringBuilder(id.length());
    for (int i = 0; i < id.length(); i++) {
      char c = id.charAt(i);
      boolean bad = c < 0x20 || c == 0x7f || c == ' ' || c == '~' || c == '^' || c == ':' || c == '?' || c == '*'
          || c == '[' || c == '\\' || c == '/' || (c == '{' && i > 0 && id.charAt(i - 1) == '@') || c > 0x7e;
      b.append(bad ? '_' : c);
    }
    String s = b.toString().replace("..", "_.");
    while (s.contains("..")) {
      s = s.replace("..", "_.");
    }
    if (s.startsWith(".")) {
      s = "_" + s.substring(1);
    }
    if (s.endsWith(".") || s.endsWith(".lock")) {
      s = s + "_";
    }
    if (s.isEmpty() || s.equals("@")) {
      s = "_" + s;
    }
    return PREFIX + s;
  }
}
