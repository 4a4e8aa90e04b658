package dev.patchflow.backport;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One line of {@code summary.log}: how a run ended. Written by {@link RunLogFiles}, read back by
 * the status script and page, so {@link #line()} and {@link #parse} agree.
 * <pre>
 * 2026-12-01T02:00:00Z run 20261201T020000Z COMPLETED: success=3 already_integrated=5 build_failed=0
 * 2026-12-01T02:00:00Z run 20261201T020000Z SKIPPED: another run holds the lock
 * 2026-12-01T02:00:00Z run 20261201T020000Z FAILED: network unavailable (cdn.kernel.org:443: timed out)
 * </pre>
 */
public sealed interface RunSummary {
  Instant at();

  String runId();

  /** Candidates per status, in the order the run reports them. */
  record Completed(Instant at, String runId, Map<String, Integer> counts) implements RunSummary {
    public Completed {
      counts = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(counts));
    }
  }

  record Skipped(Instant at, String runId, String reason) implements RunSummary {}

  record Failed(Instant at, String runId, String reason) implements RunSummary {}

  /** The log line, without its newline; reasons are kept to one line. */
  default String line() {
    String head = at().truncatedTo(java.time.temporal.ChronoUnit.SECONDS) + " run " + runId() + " ";
    if (this instanceof Completed c) {
      StringBuilder sb = new StringBuilder(head).append("COMPLETED:");
      c.counts().forEach((k, v) -> sb.append(' ').append(k).append('=').append(v));
      return sb.toString();
    }
    if (this instanceof Skipped s) {
      return head + "SKIPPED: " + oneLine(s.reason());
    }
    return head + "FAILED: " + oneLine(((Failed) this).reason());
  }

  private static String oneLine(String s) {
    return s.replaceAll("\\s*[\\r\\n]+\\s*", " ").strip();
  }

  Pattern LINE = Pattern.compile("(\\S+) run (\\S+) (COMPLETED|SKIPPED|FAILED):\\s?(.*)");

  /** Reads a line written by {@link #line()}; throws IllegalArgumentException for anything else. */
  static RunSummary parse(String line) {
    Matcher m = LINE.matcher(line.strip());
    if (!m.matches()) {
      throw new IllegalArgumentException("not a summary line: " + line);
    }
    Instant at;
    try {
      at = Instant.parse(m.group(1));
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException("not a summary line (time): " + line);
    }
    String id = m.group(2);
    String rest = m.group(4);
    if (m.group(3).equals("SKIPPED")) {
      return new Skipped(at, id, rest);
    }
    if (m.group(3).equals("FAILED")) {
      return new Failed(at, id, rest);
    }
    Map<String, Integer> counts = new LinkedHashMap<>();
    for (String pair : rest.isBlank() ? new String[0] : rest.trim().split("\\s+")) {
      int eq = pair.indexOf('=');
      if (eq <= 0 || !pair.substring(eq + 1).matches("\\d+")) {
        throw new IllegalArgumentException("not a summary line (count '" + pair + "'): " + line);
      }
      counts.put(pair.substring(0, eq), Integer.parseInt(pair.substring(eq + 1)));
    }
    return new Completed(at, id, counts);
  }
}
