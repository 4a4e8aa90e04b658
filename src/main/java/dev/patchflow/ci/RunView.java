package dev.patchflow.ci;

import java.util.List;

/**
 * A GitHub Actions workflow run as the check logic reads it; the caller maps the forge's records
 * to these.
 *
 * @param status "queued", "in_progress", "completed", ...
 * @param conclusion null until completed; then "success", "failure", "cancelled", ...
 * @param url the run's web page
 */
public record RunView(String name, String status, String conclusion, String url, List<JobView> jobs) {
  public RunView {
    jobs = jobs == null ? List.of() : List.copyOf(jobs);
  }

  /** A job of a run. */
  public record JobView(String name, String status, String conclusion, String url, List<StepView> steps) {
    public JobView {
      steps = steps == null ? List.of() : List.copyOf(steps);
    }
  }

  /** A step of a job; a step with no conclusion never finished. */
  public record StepView(String name, String status, String conclusion) {}
}
