package dev.patchflow.forge;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Records each wait and moves the test clock instead of sleeping. */
public final class RecordingSleeper implements Sleeper {
  public final List<Duration> waits = new CopyOnWriteArrayList<>();
  private final TestClock clock;

  public RecordingSleeper(TestClock clock) {
    this.clock = clock;
  }

  @Override
  public void sleep(Duration d) {
    waits.add(d);
    clock.advance(d);
  }
}
