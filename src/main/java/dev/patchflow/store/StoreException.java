package dev.patchflow.store;

/** The database cannot be reached or used. */
public final class StoreException extends RuntimeException {
  public StoreException(String message, Throwable cause) {
    super(message, cause);
  }
}
