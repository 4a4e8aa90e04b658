package dev.patchflow.forge;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * Removes credentials from text bound for logs and exception messages: every secret this client
 * has used, plus anything shaped like a GitHub token, a JWT or an Authorization value, in case
 * GitHub or a proxy echoes one back.
 */
final class Redactor {
  private static final Pattern SHAPES = Pattern.compile(
      "(?i)\\b(?:gh[pousr]_|github_pat_)[A-Za-z0-9_]+"
          + "|eyJ[A-Za-z0-9_-]*\\.[A-Za-z0-9_-]*\\.[A-Za-z0-9_-]*"
          + "|(?<=bearer |token )\\S+");
  private static final String MASK = "******";
  private final Set<String> secrets = ConcurrentHashMap.newKeySet();

  /** Remembers a secret to mask wherever it shows up. */
  void remember(String secret) {
    if (secret != null && secret.length() >= 4) { // shorter "secrets" would mask ordinary words
      secrets.add(secret);
    }
  }

  String redact(String text) {
    if (text == null || text.isEmpty()) {
      return text;
    }
    String out = text;
    for (String s : secrets) {
      out = out.replace(s, MASK);
    }
    return SHAPES.matcher(out).replaceAll(MASK);
  }
}
