package dev.patchflow.backport;

import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a task at each fire time of a cron schedule, for {@code serve} running the backport
 * schedule itself instead of a timer. A run that overruns the next fire time makes that one be
 * skipped, as cron with a lock would. The clock is re-read after every sleep, so a clock that
 * jumps (or a sleeper that wakes early) does not fire early.
 */
public final class ScheduleLoop implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ScheduleLoop.class);
  /** The longest single sleep: the loop notices clock changes at least this often. */
  static final Duration MAX_SLEEP = Duration.ofMinutes(1);

  private final CronExpression schedule;
  private final ZoneId zone;
  private final Clock clock;
  private final NetworkCheck.Sleeper sleeper;
  private final Runnable task;
  private volatile boolean closed;
  private volatile Thread thread;

  public ScheduleLoop(CronExpression schedule, ZoneId zone, Clock clock, NetworkCheck.Sleeper sleeper, Runnable task) {
    this.schedule = schedule;
    this.zone = zone;
    this.clock = clock;
    this.sleeper = sleeper;
    this.task = task;
  }

  /** On the system clock in the host's zone, as cron reads its crontab. */
  public ScheduleLoop(CronExpression schedule, Runnable task) {
    this(schedule, ZoneId.systemDefault(), Clock.systemUTC(), d -> Thread.sleep(d.toMillis()), task);
  }

  /** The fire time after now. */
  public ZonedDateTime nextFire() {
    return schedule.next(ZonedDateTime.now(clock).withZoneSameInstant(zone));
  }

  /** Fires until closed or interrupted; a task that throws is logged and the schedule goes on. */
  public void run() throws InterruptedException {
    thread = Thread.currentThread();
    while (!closed) {
      ZonedDateTime next = nextFire();
      LOG.info("event=schedule_next at={}", next.toOffsetDateTime());
      while (!closed) {
        Duration wait = Duration.between(clock.instant(), next.toInstant());
        if (wait.isNegative() || wait.isZero()) {
          break;
        }
        sleeper.sleep(wait.compareTo(MAX_SLEEP) > 0 ? MAX_SLEEP : wait);
      }
      if (closed) {
        return;
      }
      try {
        task.run();
      } catch (RuntimeException e) {
        LOG.warn("event=schedule_task_failed at={} error=\"{}\"", next.toOffsetDateTime(), e.toString());
      }
    }
  }

  /** Runs {@link #run} on a daemon thread. */
  public Thread start() {
    Thread t = new Thread(() -> {
      try {
        run();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }, "backport-schedule");
    t.setDaemon(true);
    thread = t;
    t.start();
    return t;
  }

  @Override
  public void close() {
    closed = true;
    Thread t = thread;
    if (t != null && t != Thread.currentThread()) {
      t.interrupt();
    }
  }
}
