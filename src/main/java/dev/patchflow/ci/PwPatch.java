package dev.patchflow.ci;

import java.time.Instant;
import java.util.List;

/**
 * A patch as a Patchwork server lists it, with only the fields the bridge reads. One listing of
 * recent patches gives every patch's state and the series it belongs to, so the bridge needs no
 * request per patch.
 *
 * @param state the state's slug as the server names it ("new", "changes-requested"); servers
 *     differ in their state ids, never in these names
 * @param series the series the patch belongs to (Patchwork allows several; usually one)
 */
public record PwPatch(long id, String name, String msgid, String state, boolean archived, Instant date,
    String submitterName, String submitterEmail, List<PwSeriesRef> series) {
  public PwPatch {
    series = series == null ? List.of() : List.copyOf(series);
  }
}
