package dev.patchflow.mail;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Recognises `git request-pull` output, including wrapped and re-indented copies. */
public final class PullRequestParser {
  private static final Pattern SINCE =
      Pattern.compile("following changes since commit\\s+([0-9a-f]{7,40})", Pattern.CASE_INSENSITIVE);
  private static final Pattern AVAILABLE =
      Pattern.compile("are available in the git repository at:?[ \\t]*\\r?\\n", Pattern.CASE_INSENSITIVE);
  private static final Pattern UP_TO =
      Pattern.compile("for you to fetch changes up to\\s+([0-9a-f]{7,40})", Pattern.CASE_INSENSITIVE);
  private static final Pattern URL = Pattern.compile("^[a-z][a-z0-9+.-]*://\\S+|^[\\w.-]+@[\\w.-]+:\\S+");

  private PullRequestParser() {}

  public static Optional<PullRequest> find(String text) {
    Matcher since = SINCE.matcher(text);
    if (!since.find()) {
      return Optional.empty();
    }
    Matcher available = AVAILABLE.matcher(text);
    if (!available.find(since.end())) {
      return Optional.empty();
    }
    String[] lines = text.substring(available.end()).split("\r?\n", 8);
    int i = 0;
    while (i < lines.length && lines[i].isBlank()) {
      i++;
    }
    if (i >= lines.length) {
      return Optional.empty();
    }
    String[] words = lines[i].strip().split("\\s+");
    if (!URL.matcher(words[0]).find()) {
      return Optional.empty();
    }
    String url = words[0];
    String branch = words.length > 1 ? words[1] : null;
    // A mail client may wrap a long "URL branch" line: the branch then starts the next line.
    if (branch == null && i + 1 < lines.length && !lines[i + 1].isBlank()
        && !lines[i + 1].strip().contains(" ") && !lines[i + 1].startsWith(" ")) {
      branch = lines[i + 1].strip();
    }
    Matcher upTo = UP_TO.matcher(text);
    String head = upTo.find() ? upTo.group(1) : null;
    return Optional.of(new PullRequest(url, branch, since.group(1), head));
  }
}
