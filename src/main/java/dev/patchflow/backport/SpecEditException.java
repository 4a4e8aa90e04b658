package dev.patchflow.backport;

/** A spec cannot be edited as asked (no Release number, no %autopatch for the block…); the message names the spec. */
public final class SpecEditException extends Exception {
  public SpecEditException(String message) {
    super(message);
  }
}
