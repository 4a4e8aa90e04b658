package dev.patchflow.series;

import dev.patchflow.mail.ParsedMail;
import dev.patchflow.testing.Corpus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Test helper: threads corpus mboxes. */
final class Threads {
  static final Instant ARRIVED = Instant.parse("2026-01-01T00:00:00Z");

  private Threads() {}

  static List<Message> messages(List<ParsedMail> mails) {
    List<Message> out = new ArrayList<>();
    for (int i = 0; i < mails.size(); i++) {
      out.add(Message.of(i + 1, mails.get(i), ARRIVED));
    }
    return out;
  }

  static List<Series> of(String... corpusFiles) {
    List<ParsedMail> mails = new ArrayList<>();
    for (String f : corpusFiles) {
      mails.addAll(Corpus.parsed(f));
    }
    return SeriesAssembler.assemble(messages(mails));
  }

  static String describe(List<Series> all) {
    StringBuilder b = new StringBuilder();
    for (Series s : all) {
      b.append(String.format("v%d %d/%d %s complete=%s cover=%s prev=%s next=%s patches=%s replies=%d%n", s.version(),
          s.received(), s.total(), s.name(), s.complete(), s.coverId() != null, s.previousVersion() != null,
          s.nextVersion() != null, s.patches().stream().map(SeriesPatch::number).toList(), s.replies().size()));
    }
    return b.toString();
  }
}
