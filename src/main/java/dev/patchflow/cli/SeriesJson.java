package dev.patchflow.cli;

import dev.patchflow.store.SeriesDetail;
import dev.patchflow.store.SeriesSummary;
import java.time.Instant;
import java.util.List;

/** The shape of series in --json output. */
final class SeriesJson {
  private SeriesJson() {}

  record Person(String name, String email) {}

  record Summary(long id, String project, String name, int version, int total, int received, boolean complete,
      boolean superseded, Person submitter, Instant date, Long previousVersion, Long nextVersion) {}

  record Trailer(String name, String value, String givenIn) {}

  record Patch(int number, String subject, String messageId, String hash, List<Trailer> trailers) {}

  record Cover(String subject, String messageId) {}

  record Detail(long id, String project, String name, int version, int total, int received, boolean complete,
      boolean superseded, Person submitter, Instant date, Long previousVersion, Long nextVersion, Cover cover,
      List<Trailer> trailers, List<Patch> patches, int replies) {}

  static Summary summary(SeriesSummary s) {
    return new Summary(s.id(), s.project(), s.name(), s.version(), s.total(), s.received(), s.complete(),
        s.superseded(), new Person(s.submitterName(), s.submitterEmail()), s.date(), s.previousVersion(),
        s.nextVersion());
  }

  static Detail detail(SeriesDetail d) {
    SeriesSummary s = d.summary();
    return new Detail(s.id(), s.project(), s.name(), s.version(), s.total(), s.received(), s.complete(),
        s.superseded(), new Person(s.submitterName(), s.submitterEmail()), s.date(), s.previousVersion(),
        s.nextVersion(),
        d.cover() == null ? null : new Cover(d.cover().subject(), d.cover().messageId()),
        trailers(d.trailers()),
        d.patches().stream().map(p -> new Patch(p.number(), p.message().subject(), p.message().messageId(), p.hash(),
            trailers(p.trailers()))).toList(),
        d.replies().size());
  }

  private static List<Trailer> trailers(List<SeriesDetail.TrailerEntry> list) {
    return list.stream().map(t -> new Trailer(t.name(), t.value(), t.givenIn())).toList();
  }
}
