package dev.patchflow.series;

import java.util.List;

/**
 * A patch's place in a series. {@code number} is the n of n/m (0 for an unnumbered patch);
 * {@code trailers} are the patch's own plus review trailers from replies to it and to the
 * cover letter.
 */
public record SeriesPatch(int number, String messageId, List<SeriesTrailer> trailers) {
  public SeriesPatch {
    trailers = List.copyOf(trailers);
  }
}
