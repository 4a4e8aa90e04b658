package dev.patchflow.series;

import dev.patchflow.mail.Person;
import java.time.Instant;
import java.util.List;

/**
 * One version of a patch series as threading sees it.
 *
 * @param anchor the cover letter's Message-ID, else the first patch's: names the series
 *     until the store gives it an id
 * @param total m of n/m (the number of patches for an unnumbered series)
 * @param previousVersion anchor of the version this one replaces, or null
 * @param nextVersion anchor of the version that replaces this one, or null
 */
public record Series(
    String anchor, String name, int version, int total, Person submitter, Instant date,
    String coverId, List<SeriesPatch> patches, List<Reply> replies, List<SeriesTrailer> seriesTrailers,
    String previousVersion, String nextVersion) {

  public Series {
    patches = List.copyOf(patches);
    replies = List.copyOf(replies);
    seriesTrailers = List.copyOf(seriesTrailers);
  }

  public int received() {
    return (int) patches.stream().map(SeriesPatch::number).distinct().count();
  }

  /** Every patch 1..total is here. */
  public boolean complete() {
    if (patches.isEmpty()) {
      return false;
    }
    if (patches.get(0).number() == 0) {
      return true;
    }
    for (int n = 1; n <= total; n++) {
      final int want = n;
      if (patches.stream().noneMatch(p -> p.number() == want)) {
        return false;
      }
    }
    return true;
  }

  public boolean superseded() {
    return nextVersion != null;
  }

  /** Every Message-ID that belongs to this series: cover, patches, replies. */
  public List<String> members() {
    List<String> out = new java.util.ArrayList<>();
    if (coverId != null) {
      out.add(coverId);
    }
    patches.forEach(p -> out.add(p.messageId()));
    replies.forEach(r -> out.add(r.messageId()));
    return out;
  }
}
