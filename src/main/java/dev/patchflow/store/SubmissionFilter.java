package dev.patchflow.store;

import java.time.Instant;
import java.util.List;

/**
 * Filters for patch, cover and comment lists. Empty lists and nulls mean "any"; several values
 * in one list are OR-ed, as Patchwork does.
 *
 * @param kinds PATCH/PULL_REQUEST, COVER or COMMENT
 * @param order "id", "date" or "name", with a leading "-" for descending
 */
public record SubmissionFilter(
    List<String> kinds, List<Long> projects, List<Long> series, List<Long> submitters, List<String> submitterEmails,
    List<Long> delegates, List<Integer> states, Boolean archived, List<String> hashes, List<String> msgids,
    Instant since, Instant before, String q, Long answers, String order) {

  public static SubmissionFilter patches() {
    return new SubmissionFilter(List.of("PATCH", "PULL_REQUEST"), List.of(), List.of(), List.of(), List.of(), List.of(),
        List.of(), null, List.of(), List.of(), null, null, null, null, "id");
  }
}
