package dev.patchflow.bench;

import java.util.Map;

/** One commit to make: its message and the full new content of each file it touches. */
record CommitSpec(String message, Map<String, String> files) {
  CommitSpec {
    files = Map.copyOf(files);
  }
}
