package dev.patchflow.bench;

import java.time.Instant;

/**
 * What the intake corpus is: everything that decides its content. {@link #key()} names the
 * cached file, so a change here (or to the generator's {@code VERSION}) makes a new one.
 */
record CorpusSpec(int messages, long seed, Instant start, String listId, String listAddress) {
  static final CorpusSpec INTAKE = new CorpusSpec(20_000, 42, Instant.parse("2025-01-06T09:00:00Z"),
      "bench.lists.example.org", "bench@lists.example.org");

  String key() {
    return "m" + messages + "-seed" + seed;
  }
}
