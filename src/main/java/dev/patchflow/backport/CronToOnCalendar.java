package dev.patchflow.backport;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Turns a crontab schedule into systemd {@code OnCalendar=} values. systemd needs every part of
 * a calendar event to match while cron fires on a day matching either restricted day field, so
 * that case becomes two values (a timer fires on the union of its OnCalendar lines).
 */
public final class CronToOnCalendar {
  private static final String[] DAYS = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};

  private CronToOnCalendar() {}

  /** The OnCalendar values for {@code cron}; throws IllegalArgumentException naming what it cannot convert. */
  public static List<String> convert(String cron) {
    return convert(CronExpression.parse(cron));
  }

  public static List<String> convert(CronExpression c) {
    String time = values(c.hour()) + ":" + values(c.minute()) + ":00";
    String month = values(c.month());
    List<String> out = new ArrayList<>();
    if (c.daysEither()) {
      out.add("*-" + month + "-" + values(c.dayOfMonth()) + " " + time);
      out.add(weekdays(c.dayOfWeek()) + " *-" + month + "-* " + time);
    } else {
      String dow = c.dayOfWeek().all() ? "" : weekdays(c.dayOfWeek()) + " ";
      out.add(dow + "*-" + month + "-" + values(c.dayOfMonth()) + " " + time);
    }
    return out;
  }

  // An explicit list rather than systemd's ranges and repetitions: every systemd reads it the same.
  private static String values(CronExpression.Field f) {
    if (f.all()) {
      return "*";
    }
    return f.list().stream().map(v -> String.format("%02d", v)).collect(Collectors.joining(","));
  }

  private static String weekdays(CronExpression.Field f) {
    return f.list().stream().map(v -> DAYS[v]).collect(Collectors.joining(","));
  }
}
