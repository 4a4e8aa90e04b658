package dev.patchflow.notify;

import java.util.List;

/** A mail to send, threaded under {@code inReplyTo} (null: starts a thread). */
public record FailureMail(String from, List<String> to, String subject, String body, String inReplyTo,
    List<String> references) {
  public FailureMail {
    to = List.copyOf(to);
    references = List.copyOf(references);
  }
}
