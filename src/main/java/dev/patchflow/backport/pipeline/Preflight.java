package dev.patchflow.backport.pipeline;

import java.util.Optional;

/**
 * What must hold before a run starts (the network is up, no other run holds the lock). A run
 * with a blocker ends at once, quietly: for a cron job that is a skipped night, not an error.
 * The install and network checks plug in here.
 */
@FunctionalInterface
public interface Preflight {
  /** Runs whatever the checks are. */
  Preflight NONE = Optional::empty;

  /** Empty when the run may go on, else why it may not. */
  Optional<String> blocker();
}
