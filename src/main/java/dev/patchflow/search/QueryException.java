package dev.patchflow.search;

/** A query that cannot be read; {@code position} is the 0-based offset of the problem. */
public final class QueryException extends RuntimeException {
  private final int position;

  public QueryException(String message, int position) {
    super(message + " at position " + position);
    this.position = position;
  }

  public int position() {
    return position;
  }
}
