package dev.patchflow.forge;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.event.Level;

/**
 * Logs each exchange as key-values (method, path, status, ms) and tells the listener. It sits
 * just above the sender, so every retry and every 304 is seen. Never logs headers, and runs
 * anything GitHub said through the redactor.
 */
final class ExchangeLog implements Stage {
  private static final Logger LOG = LoggerFactory.getLogger("dev.patchflow.forge.GitHub");
  private final Redactor redactor;
  private final RequestListener listener;

  ExchangeLog(Redactor redactor, RequestListener listener) {
    this.redactor = redactor;
    this.listener = listener;
  }

  @Override
  public Response intercept(Chain chain) throws IOException, GitHubException {
    Request req = chain.request();
    long start = System.nanoTime();
    Response r;
    try {
      r = chain.proceed(req);
    } catch (IOException e) {
      Duration took = Duration.ofNanos(System.nanoTime() - start);
      LOG.atWarn().addKeyValue("method", req.method()).addKeyValue("path", redactor.redact(req.path()))
          .addKeyValue("status", 0).addKeyValue("ms", took.toMillis())
          .addKeyValue("error", redactor.redact(String.valueOf(e))).log("github request failed");
      notify(new RequestEvent(req.method(), req.path(), req.template(), 0, false, took, -1));
      throw e;
    }
    Duration took = Duration.ofNanos(System.nanoTime() - start);
    boolean notModified = r.status() == 304;
    Level level = r.status() >= 500 ? Level.WARN : r.status() >= 400 ? Level.INFO : Level.DEBUG;
    var event = LOG.atLevel(level).addKeyValue("method", req.method())
        .addKeyValue("path", redactor.redact(req.path())).addKeyValue("status", r.status())
        .addKeyValue("ms", took.toMillis());
    if (r.status() >= 400) {
      event = event.addKeyValue("message", redactor.redact(excerpt(r.body())));
    }
    event.log("github request");
    int remaining = RateLimitState.intHeader(r, "x-ratelimit-remaining").orElse(-1);
    notify(new RequestEvent(req.method(), req.path(), req.template(), r.status(), notModified, took, remaining));
    return r;
  }

  private void notify(RequestEvent e) {
    try {
      listener.onRequest(e);
    } catch (RuntimeException ex) {
      LOG.atWarn().setCause(ex).log("request listener failed"); // metrics must not break GitHub calls
    }
  }

  private static String excerpt(byte[] body) {
    String s = body == null ? "" : new String(body, StandardCharsets.UTF_8);
    return s.length() > 300 ? s.substring(0, 300) + "..." : s;
  }
}
