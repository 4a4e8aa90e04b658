package dev.patchflow.mail;

import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Lenient RFC 5322 date parsing: anything that cannot be read is empty, never an error. */
public final class MailDates {
  private static final Pattern CORE = Pattern.compile(
      "(\\d{1,2})\\s+(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\\s+(\\d{2,4})\\s+"
          + "(\\d{1,2}):(\\d{2})(?::(\\d{2}))?\\s*([+-]\\d{4}|[A-Z]{1,5})?",
      Pattern.CASE_INSENSITIVE);
  private static final DateTimeFormatter FORMAT =
      DateTimeFormatter.ofPattern("d MMM yyyy H:mm:ss Z", Locale.ROOT);

  private MailDates() {}

  public static Optional<Instant> parse(String value) {
    if (value == null || value.length() > 200) {
      return Optional.empty();
    }
    try {
      // Most mail carries a well-formed RFC 5322 date: take the fast path first.
      return Optional.of(ZonedDateTime.parse(value.strip(), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant())
          .filter(i -> i.getEpochSecond() >= 0);
    } catch (DateTimeParseException e) {
      // fall through to the lenient reading
    }
    Matcher m = CORE.matcher(value);
    if (!m.find()) {
      return Optional.empty();
    }
    int year = Integer.parseInt(m.group(3));
    if (m.group(3).length() == 2) {
      year += year < 50 ? 2000 : 1900;
    } else if (m.group(3).length() == 3) {
      year += 1900;
    }
    if (year < 1970 || year > 9999) {
      return Optional.empty();
    }
    String zone = m.group(7) == null ? "+0000" : zoneOffset(m.group(7));
    String month = m.group(2).substring(0, 1).toUpperCase(Locale.ROOT)
        + m.group(2).substring(1, 3).toLowerCase(Locale.ROOT);
    String text = m.group(1) + " " + month + " " + year + " " + m.group(4) + ":" + m.group(5) + ":"
        + (m.group(6) == null ? "00" : m.group(6)) + " " + zone;
    try {
      return Optional.of(ZonedDateTime.parse(text, FORMAT).toInstant());
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }

  private static String zoneOffset(String zone) {
    if (zone.startsWith("+") || zone.startsWith("-")) {
      return zone;
    }
    return switch (zone.toUpperCase(Locale.ROOT)) {
      case "EST" -> "-0500";
      case "EDT" -> "-0400";
      case "CST" -> "-0600";
      case "CDT" -> "-0500";
      case "MST" -> "-0700";
      case "MDT" -> "-0600";
      case "PST" -> "-0800";
      case "PDT" -> "-0700";
      default -> "+0000"; // UT, GMT, Z and military zones
    };
  }
}
