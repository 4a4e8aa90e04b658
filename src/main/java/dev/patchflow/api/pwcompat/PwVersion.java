package dev.patchflow.api.pwcompat;

/** The Patchwork API version a request asked for (/api/1.N/, or the newest for /api/). */
record PwVersion(int major, int minor, boolean explicit) {
  static final PwVersion LATEST = new PwVersion(1, 3, false);

  static PwVersion of(String segment) {
    return switch (segment) {
      case "1.0" -> new PwVersion(1, 0, true);
      case "1.1" -> new PwVersion(1, 1, true);
      case "1.2" -> new PwVersion(1, 2, true);
      case "1.3" -> new PwVersion(1, 3, true);
      default -> throw new IllegalArgumentException(segment);
    };
  }

  boolean atLeast(int minorVersion) {
    return minor >= minorVersion;
  }

  /** The path prefix resources are served under for this version. */
  String prefix() {
    return explicit ? "/api/" + major + "." + minor : "/api";
  }
}
