package dev.patchflow.store;

import java.util.List;

/** A series with its patches, trailers and replies, as shown. */
public record SeriesDetail(
    SeriesSummary summary, MessageRef cover, List<PatchEntry> patches, List<TrailerEntry> trailers,
    List<MessageRef> replies) {

  /** A stored message, named. */
  public record MessageRef(long id, String messageId, String subject, String fromName, String fromEmail) {}

  /** A patch of the series with the trailers that count for it. */
  public record PatchEntry(int number, MessageRef message, String hash, String diffstat, List<TrailerEntry> trailers) {}

  /** A trailer and the message it was given in. */
  public record TrailerEntry(String name, String value, String givenIn) {}
}
