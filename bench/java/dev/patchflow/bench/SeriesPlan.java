package dev.patchflow.bench;

import java.time.Instant;
import java.util.List;

/**
 * One patch series of the generated mbox, decided before any git work so that the message
 * count is exact and the corpus is the same on every machine.
 *
 * @param index also names the series' branches (s00042, s00042v2)
 * @param subsystem index into {@link SourceTree#subsystems()}
 * @param subjectPrefix what format-patch puts in brackets ("PATCH", "PATCH net-next")
 * @param v2 whether a second version is sent later
 * @param replies for each version (v1 first), which of its mails get a review reply: 0 is the
 *     first mail (the cover letter when there is one); a mail may be listed twice
 */
record SeriesPlan(
    int index, Dev author, List<Dev> cc, int subsystem, String subjectPrefix, int patches, boolean v2,
    Instant sent, Instant v2Sent, long seed, List<List<Integer>> replies) {

  SeriesPlan {
    cc = List.copyOf(cc);
    replies = replies.stream().map(List::copyOf).toList();
  }

  boolean hasCover() {
    return patches > 1;
  }

  int versions() {
    return v2 ? 2 : 1;
  }

  /** Mails format-patch writes for one version: the patches and, for more than one, a cover. */
  int mailsPerVersion() {
    return patches + (hasCover() ? 1 : 0);
  }

  int replyCount() {
    return replies.stream().mapToInt(List::size).sum();
  }

  int messages() {
    return mailsPerVersion() * versions() + replyCount();
  }

  String branch(int version) {
    return String.format("s%05d%s", index, version == 1 ? "" : "v" + version);
  }

  Instant sent(int version) {
    return version == 1 ? sent : v2Sent;
  }
}
