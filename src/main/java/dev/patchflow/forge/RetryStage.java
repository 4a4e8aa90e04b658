package dev.patchflow.forge;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.http.HttpConnectTimeoutException;
import java.time.Duration;
import java.util.Set;

/**
 * Retries transient failures (502, 503, 504, 500, lost connections) with exponential backoff,
 * but only for requests that are safe to repeat. A POST that may have reached GitHub is never
 * repeated: it ends in {@link UnknownOutcomeException}, because opening a pull request twice is
 * worse than failing once. A connection that was never made is safe to retry for any method.
 */
final class RetryStage implements Stage {
  private static final Set<Integer> TRANSIENT = Set.of(500, 502, 503, 504);
  private final Sleeper sleeper;
  private final int maxRetries;
  private final Duration firstBackoff;
  private final Redactor redactor;

  RetryStage(Sleeper sleeper, int maxRetries, Duration firstBackoff, Redactor redactor) {
    this.sleeper = sleeper;
    this.maxRetries = maxRetries;
    this.firstBackoff = firstBackoff;
    this.redactor = redactor;
  }

  @Override
  public Response intercept(Chain chain) throws IOException, GitHubException {
    Request req = chain.request();
    for (int attempt = 0; ; attempt++) {
      Response r;
      try {
        r = chain.proceed(req);
      } catch (InterruptedIOException e) {
        throw e; // interrupted: stop, do not retry
      } catch (IOException e) {
        boolean neverSent = e instanceof HttpConnectTimeoutException || e instanceof ConnectException
            || e.getCause() instanceof ConnectException;
        if (!req.idempotent() && !neverSent) {
          throw unknown(req, 0, "no answer (" + e.getClass().getSimpleName() + ")", e);
        }
        if (attempt >= maxRetries) {
          throw e;
        }
        pause(attempt);
        continue;
      }
      if (r.status() >= 500 && !req.idempotent()) {
        throw unknown(req, r.status(), "server error; the request may or may not have taken effect", null);
      }
      if (!TRANSIENT.contains(r.status()) || attempt >= maxRetries) {
        return r;
      }
      pause(attempt);
    }
  }

  private UnknownOutcomeException unknown(Request req, int status, String what, Throwable cause) {
    return new UnknownOutcomeException(status, req.method(), redactor.redact(req.path()), redactor.redact(what), cause);
  }

  private void pause(int attempt) throws InterruptedIOException {
    Duration d = firstBackoff.multipliedBy(1L << Math.min(attempt, 5));
    try {
      sleeper.sleep(d);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted during backoff");
    }
  }
}
