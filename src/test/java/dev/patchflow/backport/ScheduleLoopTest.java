package dev.patchflow.backport;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ScheduleLoopTest {
  /** A clock the sleeper moves forward: the loop's waits are simulated, not slept. */
  static final class FakeTime extends Clock {
    Instant now;

    FakeTime(Instant start) {
      now = start;
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }

  @Test
  void nextFireInTheGivenZone() {
    FakeTime t = new FakeTime(Instant.parse("2026-12-01T01:30:00Z"));
    ScheduleLoop utc = new ScheduleLoop(CronExpression.parse("0 2 * * *"), ZoneOffset.UTC, t, d -> { }, () -> { });
    assertThat(utc.nextFire().toInstant()).isEqualTo(Instant.parse("2026-12-01T02:00:00Z"));
    // 02:00 in Berlin (UTC+1 in December) was 01:00 UTC, already past: tomorrow's
    ScheduleLoop berlin = new ScheduleLoop(CronExpression.parse("0 2 * * *"), ZoneId.of("Europe/Berlin"), t, d -> { }, () -> { });
    assertThat(berlin.nextFire().toInstant()).isEqualTo(Instant.parse("2026-12-02T01:00:00Z"));
  }

  @Test
  void firesAtEachTimeAndSurvivesAFailingTask() throws Exception {
    FakeTime t = new FakeTime(Instant.parse("2026-12-01T01:59:30Z"));
    List<Instant> fired = new ArrayList<>();
    List<Duration> sleeps = new ArrayList<>();
    ScheduleLoop[] loop = new ScheduleLoop[1];
    loop[0] = new ScheduleLoop(CronExpression.parse("0 2,14 * * *"), ZoneOffset.UTC, t, d -> {
      sleeps.add(d);
      t.now = t.now.plus(d);
    }, () -> {
      fired.add(t.now);
      t.now = t.now.plus(Duration.ofMinutes(5)); // the run takes a while
      if (fired.size() == 1) {
        throw new IllegalStateException("first run fails");
      }
      if (fired.size() == 3) {
        loop[0].close();
      }
    });
    loop[0].run();
    assertThat(fired).containsExactly(Instant.parse("2026-12-01T02:00:00Z"), Instant.parse("2026-12-01T14:00:00Z"),
        Instant.parse("2026-12-02T02:00:00Z"));
    assertThat(sleeps).allSatisfy(d -> assertThat(d).isLessThanOrEqualTo(ScheduleLoop.MAX_SLEEP).isPositive());
  }
}
