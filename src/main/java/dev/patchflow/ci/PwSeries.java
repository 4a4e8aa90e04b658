package dev.patchflow.ci;

import java.time.Instant;
import java.util.List;

/**
 * A series with its patches in series order, as the bridge works on it.
 *
 * @param coverName the cover letter's subject, null without a cover letter
 * @param coverMsgid the cover letter's Message-ID (replies thread under it), null without one
 */
public record PwSeries(long id, String name, int version, Instant date, String webUrl, String mbox,
    String submitterName, String submitterEmail, String coverName, String coverMsgid, List<PwPatch> patches) {
  public PwSeries {
    name = name == null ? "" : name;
    patches = patches == null ? List.of() : List.copyOf(patches);
  }
}
