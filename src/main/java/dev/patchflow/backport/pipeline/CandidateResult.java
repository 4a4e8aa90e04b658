package dev.patchflow.backport.pipeline;

import dev.patchflow.backport.Candidate;
import java.util.List;

/**
 * One candidate on one kernel line at the end of a run.
 *
 * @param route where routing sent it and why ("" when it was not routed)
 * @param specs the spec files changed (or, in a dry run, to change)
 * @param patchNumbers the Patch number given in each of {@code specs}, same order
 */
public record CandidateResult(String kernel, Candidate candidate, String route, List<String> specs,
    List<Integer> patchNumbers, Outcome outcome) {
  public CandidateResult {
    specs = List.copyOf(specs);
    patchNumbers = List.copyOf(patchNumbers);
  }

  public String sha12() {
    return candidate.sha().sha().substring(0, 12);
  }
}
