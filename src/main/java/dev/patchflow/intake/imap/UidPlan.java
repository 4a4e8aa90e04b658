package dev.patchflow.intake.imap;

import java.util.Optional;

/**
 * Where to start reading a folder, decided from what was remembered and the server's
 * UIDVALIDITY. Pure.
 *
 * @param fromUid the first UID not yet committed
 * @param rescan the server renumbered the folder, so it is read again from the start
 */
public record UidPlan(long fromUid, boolean rescan) {
  public static UidPlan decide(Optional<FolderState> remembered, long serverUidValidity) {
    if (remembered.isEmpty()) {
      return new UidPlan(1, false);
    }
    if (remembered.get().uidValidity() != serverUidValidity) {
      return new UidPlan(1, true);
    }
    return new UidPlan(remembered.get().lastUid() + 1, false);
  }
}
