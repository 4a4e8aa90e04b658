package dev.patchflow.backport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CronToOnCalendarTest {
  @Test
  void converts() {
    assertThat(CronToOnCalendar.convert("0 2 * * *")).containsExactly("*-*-* 02:00:00");
    assertThat(CronToOnCalendar.convert("30 1,13 * * 1-5")).containsExactly("Mon,Tue,Wed,Thu,Fri *-*-* 01,13:30:00");
    assertThat(CronToOnCalendar.convert("*/20 * 1 1-3 *")).containsExactly("*-01,02,03-01 *:00,20,40:00");
    assertThat(CronToOnCalendar.convert("0 4 * * 0,7")).containsExactly("Sun *-*-* 04:00:00");
  }

  @Test
  void eitherDayFieldBecomesTwoValues() {
    assertThat(CronToOnCalendar.convert("0 3 1 * 6")).containsExactly("*-*-01 03:00:00", "Sat *-*-* 03:00:00");
  }

  @Test
  void refusesNamesWithTheExpressionInTheMessage() {
    assertThatThrownBy(() -> CronToOnCalendar.convert("0 2 * JAN *"))
        .hasMessageContaining("'0 2 * JAN *'").hasMessageContaining("month 'JAN'");
  }

  /** systemd itself agrees the values are valid and fire when cron would. */
  @Test
  void systemdAnalyzeAccepts() throws Exception {
    Path tool = Path.of("/usr/bin/systemd-analyze");
    assumeThat(Files.isExecutable(tool)).as("systemd-analyze installed").isTrue();
    for (String cron : List.of("0 2 * * *", "30 1,13 * * 1-5", "*/20 * 1 1-3 *", "0 3 1 * 6")) {
      List<String> cmd = new ArrayList<>(List.of(tool.toString(), "calendar"));
      cmd.addAll(CronToOnCalendar.convert(cron));
      Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertThat(p.waitFor()).as(cron + ": " + out).isZero();
      assertThat(out).contains("Next elapse:");
    }
  }
}
