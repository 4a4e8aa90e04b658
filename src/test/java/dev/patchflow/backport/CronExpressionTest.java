package dev.patchflow.backport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.ZoneId;
import java.time.ZonedDateTime;
import org.junit.jupiter.api.Test;

class CronExpressionTest {
  static final ZoneId UTC = ZoneId.of("UTC");

  static ZonedDateTime at(String s) {
    return ZonedDateTime.parse(s + "Z[UTC]");
  }

  static ZonedDateTime next(String cron, String after) {
    return CronExpression.parse(cron).next(at(after));
  }

  @Test
  void dailyAtTwo() {
    assertThat(next("0 2 * * *", "2026-12-01T01:59:59")).isEqualTo(at("2026-12-01T02:00:00"));
    // exactly at the fire time: the next one, not the same
    assertThat(next("0 2 * * *", "2026-12-01T02:00:00")).isEqualTo(at("2026-12-02T02:00:00"));
    assertThat(next("0 2 * * *", "2026-12-31T03:00:00")).isEqualTo(at("2027-01-01T02:00:00"));
  }

  @Test
  void listsRangesAndSteps() {
    assertThat(next("*/15 * * * *", "2026-03-01T10:16:00")).isEqualTo(at("2026-03-01T10:30:00"));
    assertThat(next("30 1,13 * * *", "2026-03-01T02:00:00")).isEqualTo(at("2026-03-01T13:30:00"));
    assertThat(next("0 9-17/4 * * *", "2026-03-01T13:01:00")).isEqualTo(at("2026-03-01T17:00:00"));
    assertThat(next("0 0 1 */3 *", "2026-02-15T00:00:00")).isEqualTo(at("2026-04-01T00:00:00"));
  }

  @Test
  void weekdaysAndSundayAsSeven() {
    // 2026-12-05 is a Saturday
    assertThat(next("0 2 * * 1-5", "2026-12-05T00:00:00")).isEqualTo(at("2026-12-07T02:00:00"));
    assertThat(next("0 2 * * 7", "2026-12-05T00:00:00")).isEqualTo(at("2026-12-06T02:00:00"));
    assertThat(next("0 2 * * 0", "2026-12-05T00:00:00")).isEqualTo(at("2026-12-06T02:00:00"));
  }

  @Test
  void bothDayFieldsRestrictedMeansEither() {
    // the 15th, or any Monday: 2026-12-07 is a Monday, before the 15th
    assertThat(next("0 0 15 * 1", "2026-12-05T00:00:00")).isEqualTo(at("2026-12-07T00:00:00"));
    assertThat(next("0 0 15 * 1", "2026-12-14T00:00:00")).isEqualTo(at("2026-12-15T00:00:00"));
    assertThat(next("0 0 15 * 1", "2026-12-15T00:00:00")).isEqualTo(at("2026-12-21T00:00:00"));
    // one day field a star: both must match (the 1st of a month that is a Monday, every other day)
    assertThat(next("0 0 */2 * 1", "2026-12-01T00:00:00")).isEqualTo(at("2026-12-07T00:00:00"));
  }

  @Test
  void leapDayAndZone() {
    assertThat(next("0 0 29 2 *", "2026-03-01T00:00:00")).isEqualTo(at("2028-02-29T00:00:00"));
    ZonedDateTime berlin = ZonedDateTime.of(2026, 3, 29, 1, 0, 0, 0, ZoneId.of("Europe/Berlin"));
    // 02:30 does not exist that night (clocks go 02:00 → 03:00); the next 02:30 is the day after
    assertThat(CronExpression.parse("30 2 * * *").next(berlin).toLocalDateTime().toString()).isEqualTo("2026-03-30T02:30");
  }

  @Test
  void refusesWhatItDoesNotUnderstand() {
    assertThatThrownBy(() -> CronExpression.parse("0 2 * *")).hasMessageContaining("want 5 fields");
    assertThatThrownBy(() -> CronExpression.parse("0 2 * * MON")).hasMessageContaining("day-of-week 'MON'");
    assertThatThrownBy(() -> CronExpression.parse("60 2 * * *")).hasMessageContaining("minute '60': out of range 0-59");
    assertThatThrownBy(() -> CronExpression.parse("0 5-2 * * *")).hasMessageContaining("hour '5-2': range runs backwards");
    assertThatThrownBy(() -> CronExpression.parse("@daily")).hasMessageContaining("'@daily'");
    assertThatThrownBy(() -> CronExpression.parse("0 0 30 2 *").next(at("2026-01-01T00:00:00")))
        .hasMessageContaining("never fires");
  }

  /** What the status script runs under cron: the next fire time, printed by a plain java command. */
  @Test
  void mainPrintsTheNextFireTime() throws Exception {
    String javaBin = java.nio.file.Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process p = new ProcessBuilder(javaBin, "-cp", System.getProperty("java.class.path"), CronExpression.class.getName(),
        "0 2 * * *").redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).strip();
    assertThat(p.waitFor()).as(out).isZero();
    java.time.OffsetDateTime next = java.time.OffsetDateTime.parse(out);
    assertThat(next.toLocalTime()).isEqualTo(java.time.LocalTime.of(2, 0));
    assertThat(next.toInstant()).isAfter(java.time.Instant.now()).isBefore(java.time.Instant.now().plus(java.time.Duration.ofDays(1)));
  }
}
