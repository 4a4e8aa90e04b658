package dev.patchflow.notify;

import java.util.List;

/** A mail to send, threaded under {@code inReplyTo} (null: starts a thread); {@code cc} may be empty. */
public record FailureMail(String from, List<String> to, List<String> cc, String subject, String body, String inReplyTo,
    List<String> references) {
  public FailureMail {
    to = List.copyOf(to);
    cc = List.copyOf(cc);
    references = List.copyOf(references);
  }

  public FailureMail(String from, List<String> to, String subject, String body, String inReplyTo,
      List<String> references) {
    this(from, to, List.of(), subject, body, inReplyTo, references);
  }
}
