package dev.patchflow.backport;

/** An inclusive range of Patch numbers, written {@code [100..199]} in spec headers and {@code 100-249} on the command line. */
public record Range(int from, int to) {
  public Range {
    if (from < 0 || to < from) {
      throw new IllegalArgumentException("bad patch number range " + from + ".." + to);
    }
  }

  public static Range parse(String text) {
    String[] parts = text.strip().split("\\s*(?:-|\\.\\.)\\s*");
    if (parts.length != 2) {
      throw new IllegalArgumentException("want a range like 100-249, got: " + text);
    }
    try {
      return new Range(Integer.parseInt(parts[0]), Integer.parseInt(parts[1]));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("want a range like 100-249, got: " + text);
    }
  }

  public boolean contains(int n) {
    return n >= from && n <= to;
  }

  public boolean within(Range outer) {
    return from >= outer.from && to <= outer.to;
  }

  @Override
  public String toString() {
    return "[" + from + ".." + to + "]";
  }
}
