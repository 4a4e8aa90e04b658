package dev.patchflow.backport;

import java.util.ArrayList;
import java.util.List;

/**
 * Our entry in a crontab: a marker comment and the schedule line right below it. Installing
 * replaces an earlier entry of ours, removing takes out exactly those two lines; every other line
 * (comments, variables, other jobs) stays as it was.
 */
public final class CrontabEntry {
  public static final String MARKER = "# patchflow-backport: written by 'patchflow backport install'; the next line is ours";

  private CrontabEntry() {}

  /** {@code crontab} with our entry (for {@code cron} running {@code command}) in place of any earlier one, at the end. */
  public static String install(String crontab, String cron, String command) {
    CronExpression.parse(cron); // refuse what cron would not run
    if (command.contains("\n") || command.contains("%")) {
      throw new IllegalArgumentException("a crontab command cannot hold a newline or '%': " + command);
    }
    List<String> lines = new ArrayList<>(without(crontab));
    lines.add(MARKER);
    lines.add(CronExpression.parse(cron).text() + " " + command);
    return String.join("\n", lines) + "\n";
  }

  /** {@code crontab} without our entry; unchanged (byte for byte) when it has none. */
  public static String remove(String crontab) {
    if (!contains(crontab)) {
      return crontab;
    }
    List<String> lines = without(crontab);
    return lines.isEmpty() ? "" : String.join("\n", lines) + "\n";
  }

  public static boolean contains(String crontab) {
    return crontab.lines().anyMatch(MARKER::equals);
  }

  private static List<String> without(String crontab) {
    List<String> out = new ArrayList<>();
    List<String> in = crontab.lines().toList();
    for (int i = 0; i < in.size(); i++) {
      if (in.get(i).equals(MARKER)) {
        i++; // and the schedule line below it
        continue;
      }
      out.add(in.get(i));
    }
    return out;
  }
}
