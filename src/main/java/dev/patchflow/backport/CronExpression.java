package dev.patchflow.backport;

import java.time.DayOfWeek;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.BitSet;
import java.util.List;

/**
 * A five-field crontab schedule (minute hour day-of-month month day-of-week) with numbers,
 * {@code *}, lists, ranges and steps; names, {@code ?}, {@code L}, {@code W}, {@code #} and
 * {@code @daily} macros are refused rather than guessed at. Days follow cron's rule: when both
 * day fields are restricted a day matching either one fires.
 */
public record CronExpression(String text, Field minute, Field hour, Field dayOfMonth, Field month, Field dayOfWeek) {

  /** One field's allowed values; {@code star} when it was written starting with '*' (cron's day rule needs it). */
  public record Field(String name, String text, BitSet values, int min, int max, boolean star) {
    public boolean matches(int v) {
      return values.get(v);
    }

    /** Every value in [min, max] is allowed. */
    public boolean all() {
      return values.nextClearBit(min) > max;
    }

    public List<Integer> list() {
      return values.stream().boxed().toList();
    }
  }

  /** Parses {@code "0 2 * * *"}; the error names the expression and the field. */
  public static CronExpression parse(String text) {
    if (text == null || text.isBlank()) {
      throw new IllegalArgumentException("cron expression is empty");
    }
    String[] parts = text.trim().split("\\s+");
    if (parts.length != 5) {
      throw new IllegalArgumentException("cron expression '" + text + "': want 5 fields (minute hour day-of-month month"
          + " day-of-week), got " + parts.length);
    }
    Field dow = field(text, "day-of-week", parts[4], 0, 7);
    if (dow.values.get(7)) { // 7 is Sunday too
      dow.values.clear(7);
      dow.values.set(0);
    }
    return new CronExpression(text.trim(), field(text, "minute", parts[0], 0, 59), field(text, "hour", parts[1], 0, 23),
        field(text, "day-of-month", parts[2], 1, 31), field(text, "month", parts[3], 1, 12),
        new Field(dow.name, dow.text, dow.values, 0, 6, dow.star));
  }

  private static Field field(String expr, String name, String text, int min, int max) {
    BitSet set = new BitSet();
    for (String item : text.split(",", -1)) {
      String range = item;
      int step = 1;
      int slash = item.indexOf('/');
      if (slash >= 0) {
        range = item.substring(0, slash);
        step = number(expr, name, item.substring(slash + 1), 1, max);
      }
      int lo;
      int hi;
      if (range.equals("*")) {
        lo = min;
        hi = max;
      } else if (range.contains("-")) {
        String[] ends = range.split("-", -1);
        if (ends.length != 2) {
          throw bad(expr, name, item, "not a range");
        }
        lo = number(expr, name, ends[0], min, max);
        hi = number(expr, name, ends[1], min, max);
        if (lo > hi) {
          throw bad(expr, name, item, "range runs backwards");
        }
      } else {
        lo = number(expr, name, range, min, max);
        hi = slash >= 0 ? max : lo; // "5/15" means from 5 on, every 15
      }
      for (int v = lo; v <= hi; v += step) {
        set.set(v);
      }
    }
    return new Field(name, text, set, min, max, text.startsWith("*"));
  }

  private static int number(String expr, String name, String s, int min, int max) {
    if (!s.matches("\\d{1,2}")) {
      throw bad(expr, name, s, s.isEmpty() ? "empty value" : "only numbers, '*', lists, ranges and steps are understood");
    }
    int v = Integer.parseInt(s);
    if (v < min || v > max) {
      throw bad(expr, name, s, "out of range " + min + "-" + max);
    }
    return v;
  }

  private static IllegalArgumentException bad(String expr, String name, String item, String why) {
    return new IllegalArgumentException("cron expression '" + expr.trim() + "': " + name + " '" + item + "': " + why);
  }

  /** Both day fields restricted: cron fires on a day matching either. */
  public boolean daysEither() {
    return !dayOfMonth.star && !dayOfWeek.star;
  }

  boolean dayMatches(ZonedDateTime t) {
    boolean dom = dayOfMonth.matches(t.getDayOfMonth());
    boolean dow = dayOfWeek.matches(t.getDayOfWeek() == DayOfWeek.SUNDAY ? 0 : t.getDayOfWeek().getValue());
    if (daysEither()) {
      return dom || dow;
    }
    return dom && dow;
  }

  /**
   * The first fire time strictly after {@code after}, in its zone; skips whole months, days and
   * hours that cannot match. A date that never comes (30 February) is an error, after 5 years.
   */
  public ZonedDateTime next(ZonedDateTime after) {
    ZonedDateTime t = after.truncatedTo(ChronoUnit.MINUTES).plusMinutes(1);
    ZonedDateTime limit = after.plusYears(5);
    while (t.isBefore(limit)) {
      if (!month.matches(t.getMonthValue())) {
        t = t.withDayOfMonth(1).truncatedTo(ChronoUnit.DAYS).plusMonths(1);
      } else if (!dayMatches(t)) {
        t = t.truncatedTo(ChronoUnit.DAYS).plusDays(1);
      } else if (!hour.matches(t.getHour())) {
        t = t.truncatedTo(ChronoUnit.HOURS).plusHours(1);
      } else if (!minute.matches(t.getMinute())) {
        t = t.plusMinutes(1);
      } else {
        return t;
      }
    }
    throw new IllegalArgumentException("cron expression '" + text + "' never fires");
  }

  /** Prints the next fire time of the schedule in the argument, in the host's zone: for the status script under cron. */
  public static void main(String[] args) {
    if (args.length != 1) {
      System.err.println("usage: CronExpression '<minute> <hour> <day-of-month> <month> <day-of-week>'");
      System.exit(2);
    }
    try {
      System.out.println(parse(args[0]).next(ZonedDateTime.now()).toOffsetDateTime());
    } catch (IllegalArgumentException e) {
      System.err.println(e.getMessage());
      System.exit(2);
    }
  }
}
