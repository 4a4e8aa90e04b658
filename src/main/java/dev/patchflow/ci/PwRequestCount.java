package dev.patchflow.ci;

import java.util.ArrayList;
import java.util.List;

/**
 * A listener that keeps a cycle's requests: the bridge reads and resets it once per cycle to
 * log and export what the cycle cost (an idle cycle should be a handful of 304s).
 */
public final class PwRequestCount implements PatchworkClient.Listener {
  private final List<PwExchange> seen = new ArrayList<>();

  @Override
  public synchronized void exchanged(PwExchange e) {
    seen.add(e);
  }

  /** The requests since the last reset, oldest first. */
  public synchronized List<PwExchange> requests() {
    return List.copyOf(seen);
  }

  public synchronized int total() {
    return seen.size();
  }

  /** Requests answered 304 and served from the client's copy. */
  public synchronized int fromCache() {
    return (int) seen.stream().filter(PwExchange::fromCache).count();
  }

  /** The requests since the last reset, and starts counting anew. */
  public synchronized List<PwExchange> reset() {
    List<PwExchange> out = List.copyOf(seen);
    seen.clear();
    return out;
  }
}
