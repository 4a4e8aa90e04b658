package dev.patchflow.forge;

import java.time.Duration;

/** Waits. Injected so that tests can record a wait (and move their clock) instead of sleeping. */
@FunctionalInterface
public interface Sleeper {
  Sleeper REAL = d -> Thread.sleep(Math.max(0, d.toMillis()));

  void sleep(Duration duration) throws InterruptedException;
}
