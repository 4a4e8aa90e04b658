package dev.patchflow.mail;

import java.time.Instant;
import java.util.List;

/**
 * Everything intake needs to know about one mail. {@code date} is null when the Date header
 * could not be read. {@code diff} and {@code pullRequest} are null when absent.
 */
public record ParsedMail(
    String messageId, boolean syntheticId, String inReplyTo, List<String> references,
    Person from, Person author, Instant date, Subject subject, List<String> listIds,
    List<Person> recipients, MailKind kind, String content, Diff diff, PullRequest pullRequest,
    List<Trailer> trailers, Headers headers, boolean ignoreHint) {

  public ParsedMail {
    references = List.copyOf(references);
    listIds = List.copyOf(listIds);
    recipients = List.copyOf(recipients);
    trailers = List.copyOf(trailers);
  }

  /** The messages this one answers, nearest first: In-Reply-To, then References newest first. */
  public List<String> parents() {
    return MessageIds.parents(inReplyTo, references, messageId);
  }
}
