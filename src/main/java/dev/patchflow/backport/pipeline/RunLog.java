package dev.patchflow.backport.pipeline;

import java.nio.file.Path;

/**
 * Where one run writes: a folder for its logs and results, and a running account of what it
 * does. Log retention, summaries and the status page plug in here.
 */
public interface RunLog {
  /** The folder of this run's files (test and build logs, results); made on first use. */
  Path dir();

  /** One line of the run's account. */
  void note(String line);

  /** The run ended with these results. */
  default void finished(java.util.List<CandidateResult> results) {}
}
