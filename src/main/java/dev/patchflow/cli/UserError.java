package dev.patchflow.cli;

/** A mistake in how a command was called; printed without a stack trace. */
final class UserError extends RuntimeException {
  UserError(String message) {
    super(message);
  }
}
