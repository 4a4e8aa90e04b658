package dev.patchflow.tracking;

/** The caller may not do this; {@code authenticated} tells 403 from 401. */
public final class Denied extends RuntimeException {
  private final boolean authenticated;

  public Denied(boolean authenticated, String message) {
    super(message);
    this.authenticated = authenticated;
  }

  public boolean authenticated() {
    return authenticated;
  }
}
