package dev.patchflow.gittree;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The series a series says it is based on: the first "Based-on: <message-id>" line of its cover
 * letter (or of its first patch when it has none), as Patchew reads it.
 */
public final class BasedOn {
  private static final Pattern LINE = Pattern.compile("(?im)^Based-on:\\s*<?([^\\s<>]+@[^\\s<>]+)>?\\s*$");

  private BasedOn() {}

  public static Optional<String> find(String body) {
    if (body == null) {
      return Optional.empty();
    }
    Matcher m = LINE.matcher(body);
    return m.find() ? Optional.of(m.group(1)) : Optional.empty();
  }
}
