package dev.patchflow.forge;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What to change on a pull request; null fields stay as they are.
 * {@code PullRequestEdit.title("x").withBody("y")}, {@code PullRequestEdit.close()}.
 */
public record PullRequestEdit(String title, String body, PullRequest.State state, String base) {
  public static PullRequestEdit title(String title) {
    return new PullRequestEdit(title, null, null, null);
  }

  public static PullRequestEdit body(String body) {
    return new PullRequestEdit(null, body, null, null);
  }

  public static PullRequestEdit close() {
    return new PullRequestEdit(null, null, PullRequest.State.CLOSED, null);
  }

  public static PullRequestEdit reopen() {
    return new PullRequestEdit(null, null, PullRequest.State.OPEN, null);
  }

  public PullRequestEdit withTitle(String t) {
    return new PullRequestEdit(t, body, state, base);
  }

  public PullRequestEdit withBody(String b) {
    return new PullRequestEdit(title, b, state, base);
  }

  public PullRequestEdit withState(PullRequest.State s) {
    return new PullRequestEdit(title, body, s, base);
  }

  public PullRequestEdit withBase(String b) {
    return new PullRequestEdit(title, body, state, b);
  }

  Map<String, Object> json() {
    Map<String, Object> m = new LinkedHashMap<>();
    if (title != null) {
      m.put("title", title);
    }
    if (body != null) {
      m.put("body", body);
    }
    if (state != null) {
      m.put("state", state.wire());
    }
    if (base != null) {
      m.put("base", base);
    }
    return m;
  }
}
