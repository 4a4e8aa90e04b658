package dev.patchflow.tracking;

/** The request names a value that does not exist or is not allowed; the message says which. */
public final class Invalid extends RuntimeException {
  public Invalid(String message) {
    super(message);
  }
}
