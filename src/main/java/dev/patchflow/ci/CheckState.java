package dev.patchflow.ci;

import java.util.Locale;

/** The states of a Patchwork check. */
public enum CheckState {
  PENDING, SUCCESS, WARNING, FAIL;

  /** The name on the wire ("pending", "success", "warning", "fail"). */
  public String wire() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** A conclusive state is never moved back to pending. */
  public boolean conclusive() {
    return this != PENDING;
  }
}
