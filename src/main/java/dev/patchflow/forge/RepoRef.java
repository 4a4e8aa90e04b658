package dev.patchflow.forge;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A GitHub repository, "owner/name". */
public record RepoRef(String owner, String name) {
  private static final Pattern FORMS = Pattern.compile(
      "^(?:https?://[^/]+/|ssh://git@[^/]+/|git@[^:]+:)?([A-Za-z0-9_.-]+)/([A-Za-z0-9_.-]+?)(?:\\.git)?/?$");

  public RepoRef {
    if (owner == null || owner.isBlank() || name == null || name.isBlank()) {
      throw new IllegalArgumentException("a GitHub repository needs an owner and a name");
    }
  }

  /**
   * Reads "o/r", "https://github.com/o/r", "https://github.com/o/r.git", "git@github.com:o/r.git"
   * or "ssh://git@github.com/o/r.git".
   */
  public static RepoRef parse(String text) {
    Matcher m = FORMS.matcher(text == null ? "" : text.strip());
    if (!m.matches()) {
      throw new IllegalArgumentException("not a GitHub repository (want owner/name or its URL): " + text);
    }
    return new RepoRef(m.group(1), m.group(2));
  }

  public String fullName() {
    return owner + "/" + name;
  }

  @Override
  public String toString() {
    return fullName();
  }
}
