package dev.patchflow.api;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Slows password guessing: after {@link #LIMIT} failures for one address or one username
 * within {@link #WINDOW}, further attempts are refused (429) until the window passes.
 */
public final class LoginThrottle {
  static final int LIMIT = 5;
  static final Duration WINDOW = Duration.ofMinutes(5);
  private final Map<String, Deque<Long>> failures = new ConcurrentHashMap<>();
  private final Clock clock;

  public LoginThrottle(Clock clock) {
    this.clock = clock;
  }

  public void check(String ip, String username) {
    if (recent("ip:" + ip) >= LIMIT || recent("user:" + username) >= LIMIT) {
      throw new ApiException(429, "Too many failed logins; try again in a few minutes.");
    }
  }

  public void failed(String ip, String username) {
    long now = clock.millis();
    for (String key : new String[] {"ip:" + ip, "user:" + username}) {
      Deque<Long> q = failures.computeIfAbsent(key, k -> new ArrayDeque<>());
      synchronized (q) {
        q.addLast(now);
      }
    }
  }

  private int recent(String key) {
    Deque<Long> q = failures.get(key);
    if (q == null) {
      return 0;
    }
    long cutoff = clock.millis() - WINDOW.toMillis();
    synchronized (q) {
      while (!q.isEmpty() && q.peekFirst() < cutoff) {
        q.removeFirst();
      }
      return q.size();
    }
  }
}
