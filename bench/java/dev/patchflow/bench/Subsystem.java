package dev.patchflow.bench;

import java.util.List;

/**
 * A directory of the generated tree that series touch.
 *
 * @param symbol the C identifier prefix of its code ("acme")
 * @param tag how subjects name it ("net: acme")
 */
record Subsystem(String dir, String symbol, String tag, List<String> files) {
  Subsystem {
    files = List.copyOf(files);
  }
}
