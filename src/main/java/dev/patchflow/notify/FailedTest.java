package dev.patchflow.notify;

import java.util.List;

/**
 * What a failure mail is about, as read from the store.
 *
 * @param threadMsgid the series' cover letter, or its first patch (null: neither is known)
 * @param threadRefs that mail's own References, oldest first
 * @param listAddresses the project's list addresses the series was sent to
 */
public record FailedTest(String project, String series, String seriesUrl, String test, String status, String logUrl,
    String submitter, List<String> listAddresses, String threadMsgid, List<String> threadRefs) {
  public FailedTest {
    listAddresses = List.copyOf(listAddresses);
    threadRefs = List.copyOf(threadRefs);
  }
}
