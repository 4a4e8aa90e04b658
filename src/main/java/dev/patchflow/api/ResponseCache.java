package dev.patchflow.api;

import dev.patchflow.store.StoreRevision;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.LongAdder;

/**
 * Whole answers to reads, kept per URL until the store's revision moves. Clients poll the same
 * few lists (git-pw, b4 and KPD ask for the newest series of a project again and again) and the
 * store changes far less often than they ask; an answer computed once serves every poll until
 * the next write anywhere, by this process or any other. Checking costs one small query.
 *
 * <p>Only GETs answered 200 without a cookie are kept. A handler wrapped with {@link
 * Scope#ANONYMOUS} is cached only for callers who are not logged in (pages that show the user);
 * {@link Scope#PUBLIC} ones answer the same to everyone. When several requests miss the same
 * URL at once, one computes and the others wait for its answer, so a write does not set every
 * client to recompute the same page.
 */
public final class ResponseCache {
  /** Who may share a cached answer. */
  public enum Scope { PUBLIC, ANONYMOUS }

  private static final long WAIT_SECONDS = 30;
  private static final int ENTRY_OVERHEAD = 200;

  /** One kept answer: what the handler set, to be replayed. */
  private record Entry(long revision, String contentType, List<Map.Entry<String, String>> headers, byte[] body) {
    int size() {
      return body.length + ENTRY_OVERHEAD;
    }

    void replay(Context ctx) {
      for (Map.Entry<String, String> h : headers) {
        ctx.header(h.getKey(), h.getValue());
      }
      if (contentType != null) {
        ctx.contentType(contentType);
      }
      ctx.result(body);
    }
  }

  private final StoreRevision revision;
  private final long maxBytes;
  private final Map<String, Entry> entries = new LinkedHashMap<>(256, 0.75f, true);
  private long bytes;
  private final ConcurrentHashMap<String, CompletableFuture<Entry>> computing = new ConcurrentHashMap<>();
  private final LongAdder hits = new LongAdder();
  private final LongAdder misses = new LongAdder();
  private final LongAdder notModified = new LongAdder();

  public ResponseCache(StoreRevision revision, long maxBytes) {
    this.revision = revision;
    this.maxBytes = maxBytes;
  }

  /** A handler that answers from the cache when it can and fills it when it cannot. */
  public Handler wrap(Scope scope, Handler handler) {
    return wrap(scope, false, handler);
  }

  /**
   * As {@link #wrap}, and the answer carries an ETag made of the store revision and the cache
   * key (URL with its query and API version, base address, Accept). A request whose
   * If-None-Match names the current tag is answered 304 at the cost of reading the revision:
   * the handler does not run. The tag does not name the user, so only handlers whose answer is
   * the same for everyone ({@link Scope#PUBLIC}, or anonymous callers of ANONYMOUS ones) get
   * one.
   */
  public static final String REVISION_HEADER = "X-Patchflow-Revision";

  public Handler conditional(Scope scope, Handler handler) {
    return wrap(scope, true, handler);
  }

  private Handler wrap(Scope scope, boolean conditional, Handler handler) {
    return ctx -> {
      boolean personal = scope == Scope.ANONYMOUS && Auth.principal(ctx).authenticated();
      if (personal || (maxBytes <= 0 && !conditional)) {
        handler.handle(ctx);
        return;
      }
      String key = key(ctx);
      long rev = revision.current();
      String tag = conditional ? ETags.of(rev, key) : null;
      if (conditional) {
        // one revision for the whole store: a client that sees it unchanged on a listing's first
        // page knows every other page is unchanged too, without asking for them
        ctx.header(REVISION_HEADER, Long.toString(rev));
      }
      if (tag != null && ETags.matches(ctx.header("If-None-Match"), tag)) {
        notModified.increment();
        ctx.header("ETag", tag);
        ctx.header("Vary", "Accept");
        ctx.status(304);
        return;
      }
      if (maxBytes <= 0) {
        handler.handle(ctx);
        ETags.set(ctx, tag);
        return;
      }
      Entry kept = get(key, rev);
      if (kept != null) {
        hits.increment();
        kept.replay(ctx);
        return;
      }
      misses.increment();
      String flight = rev + " " + key;
      CompletableFuture<Entry> mine = new CompletableFuture<>();
      CompletableFuture<Entry> other = computing.putIfAbsent(flight, mine);
      if (other != null) {
        Entry made = await(other);
        if (made != null) {
          made.replay(ctx);
        } else {
          handler.handle(ctx);
          ETags.set(ctx, tag);
        }
        return;
      }
      Entry made = null;
      try {
        handler.handle(ctx);
        ETags.set(ctx, tag); // before capture: the kept entry replays it (same revision, same tag)
        made = capture(ctx, rev);
        if (made != null) {
          put(key, made);
        }
      } finally {
        computing.remove(flight, mine);
        mine.complete(made);
      }
    };
  }

  /** Conditional requests answered 304 without running their handler. */
  public long notModified() {
    return notModified.sum();
  }

  public long hits() {
    return hits.sum();
  }

  public long misses() {
    return misses.sum();
  }

  public synchronized long bytes() {
    return bytes;
  }

  /** The answer depends on the address the client used (absolute URLs in it) and what it accepts. */
  private static String key(Context ctx) {
    String q = ctx.queryString();
    return Urls.base(ctx) + ctx.path() + (q == null ? "" : "?" + q) + " " + ctx.header("Accept");
  }

  private static Entry await(CompletableFuture<Entry> f) throws InterruptedException {
    try {
      return f.get(WAIT_SECONDS, TimeUnit.SECONDS);
    } catch (ExecutionException | TimeoutException e) {
      return null; // the other request failed or is stuck: compute our own
    }
  }

  /** What the handler answered, when it may be kept; the body is put back for this request. */
  private static Entry capture(Context ctx, long rev) throws IOException {
    if (ctx.statusCode() != 200 || ctx.res().containsHeader("Set-Cookie")) {
      return null;
    }
    InputStream in = ctx.resultInputStream();
    if (in == null) {
      return null;
    }
    byte[] body = in.readAllBytes();
    ctx.result(body);
    List<Map.Entry<String, String>> headers = new ArrayList<>();
    for (String name : ctx.res().getHeaderNames()) {
      if (!name.equalsIgnoreCase("Content-Type")) {
        for (String v : ctx.res().getHeaders(name)) {
          headers.add(Map.entry(name, v));
        }
      }
    }
    return new Entry(rev, ctx.res().getContentType(), List.copyOf(headers), body);
  }

  private synchronized Entry get(String key, long rev) {
    Entry e = entries.get(key);
    return e != null && e.revision() == rev ? e : null;
  }

  private synchronized void put(String key, Entry e) {
    if (e.size() > maxBytes / 4) {
      return; // one huge answer would push out everything else
    }
    Entry old = entries.get(key);
    if (old != null && old.revision() > e.revision()) {
      return;
    }
    Entry replaced = entries.put(key, e);
    bytes += e.size() - (replaced == null ? 0 : replaced.size());
    var it = entries.values().iterator();
    while (bytes > maxBytes && it.hasNext()) {
      bytes -= it.next().size();
      it.remove();
    }
  }
}
