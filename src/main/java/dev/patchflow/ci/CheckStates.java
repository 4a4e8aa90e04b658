package dev.patchflow.ci;

import java.util.Collection;
import java.util.Locale;

/** Turns GitHub workflow results into Patchwork check states. */
public final class CheckStates {
  private CheckStates() {}

  /**
   * A conclusion's state: none (still running) → pending; failure, timed_out, action_required,
   * startup_failure, stale → fail; cancelled → pending (a newer push cancels the run, and its
   * result is still to come); success, skipped, neutral → success. A conclusion GitHub may add
   * later counts as pending, so it is never reported as a result nobody checked.
   */
  public static CheckState of(String conclusion) {
    if (conclusion == null || conclusion.isEmpty()) {
      return CheckState.PENDING;
    }
    switch (conclusion.toLowerCase(Locale.ROOT)) {
      case "failure":
      case "timed_out":
      case "action_required":
      case "startup_failure":
      case "stale":
        return CheckState.FAIL;
      case "success":
      case "skipped":
      case "neutral":
        return CheckState.SUCCESS;
      default:
        return CheckState.PENDING;
    }
  }

  /**
   * A run's state. A failed run with a step that has no conclusion was cut short (a force-push
   * cancels it mid-job), so it counts as pending rather than failed.
   */
  public static CheckState of(RunView run) {
    CheckState s = completed(run.status()) ? of(run.conclusion()) : CheckState.PENDING;
    if (s == CheckState.FAIL && run.jobs().stream().anyMatch(CheckStates::interrupted)) {
      return CheckState.PENDING;
    }
    return s;
  }

  /** A job's state, with the same rule for a job cut short. */
  public static CheckState of(RunView.JobView job) {
    CheckState s = completed(job.status()) ? of(job.conclusion()) : CheckState.PENDING;
    return s == CheckState.FAIL && interrupted(job) ? CheckState.PENDING : s;
  }

  /**
   * Several states as one: fail wins, then pending, then warning, then success; nothing at all
   * (no run yet) is pending.
   */
  public static CheckState aggregate(Collection<CheckState> states) {
    if (states.isEmpty() || states.contains(CheckState.FAIL)) {
      return states.isEmpty() ? CheckState.PENDING : CheckState.FAIL;
    }
    if (states.contains(CheckState.PENDING)) {
      return CheckState.PENDING;
    }
    return states.contains(CheckState.WARNING) ? CheckState.WARNING : CheckState.SUCCESS;
  }

  private static boolean interrupted(RunView.JobView job) {
    return job.steps().stream().anyMatch(st -> st.conclusion() == null || st.conclusion().isEmpty());
  }

  // A status of null is read as completed: some callers only know the conclusion.
  private static boolean completed(String status) {
    return status == null || status.equalsIgnoreCase("completed");
  }
}
