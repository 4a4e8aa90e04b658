package dev.patchflow.forge;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.interfaces.RSAPublicKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A stateful GitHub REST API for tests, on a free port, used the MockWebServer way: queue
 * canned replies ({@link #enqueue}) that are served before normal handling, then read what
 * was sent ({@link #takeRequest}, {@link #requests}). Repositories are real bare git repos
 * that tests push to with real git; branch heads are read live from them. It keeps pull
 * requests, labels, comments and workflow runs, sends ETags and answers 304s, keeps a rate
 * limit, and checks tokens and GitHub App JWTs the way GitHub does.
 */
public final class FakeGitHub implements AutoCloseable {
  static final ObjectMapper JSON = new ObjectMapper();
  final Object lock = new Object();
  final Clock clock;
  final Path root;
  final Map<String, FakeRepo> repos = new ConcurrentHashMap<>();
  final FakeAuth auth;
  public final FakeActions actions;
  private final Javalin app;
  private final BlockingQueue<CannedReply> canned = new LinkedBlockingQueue<>();
  private final List<Targeted> targeted = new ArrayList<>();

  /** A canned reply waiting for a request of one method on a path with one ending. */
  private record Targeted(String method, String pathSuffix, CannedReply reply) {}
  private final BlockingQueue<RecordedRequest> unread = new LinkedBlockingQueue<>();
  private final List<RecordedRequest> all = new ArrayList<>();
  private int limit = 5000;
  private int remaining = 5000;
  private Instant resetAt;
  private long nextId = 1000;

  public FakeGitHub(Clock clock) {
    this.clock = clock;
    this.resetAt = clock.instant().plus(Duration.ofHours(1));
    try {
      this.root = Files.createTempDirectory("fake-github");
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    }
    this.auth = new FakeAuth(this);
    this.actions = new FakeActions(this);
    this.app = Javalin.create(c -> c.showJavalinBanner = false);
    app.before(this::before);
    app.after(this::after);
    app.exception(FakeError.class, (e, ctx) -> respond(ctx, e.status, e.json()));
    auth.routes(app);
    new FakePullsApi(this).routes(app);
    new FakeIssuesApi(this).routes(app);
    actions.routes(app);
    app.start("127.0.0.1", 0);
  }

  public FakeGitHub() {
    this(Clock.systemUTC());
  }

  /** The API root to give the client. */
  public URI uri() {
    return URI.create("http://127.0.0.1:" + app.port());
  }

  // ---- test set-up ----

  /** A repository backed by a new bare git repo (branch "main" holds one commit). */
  public FakeRepo createRepo(String owner, String name) {
    FakeRepo r = new FakeRepo(owner, name, root.resolve(owner + "/" + name + ".git"));
    repos.put(owner + "/" + name, r);
    return r;
  }

  public FakeRepo repo(String fullName) {
    FakeRepo r = repos.get(fullName);
    if (r == null) {
      throw new IllegalArgumentException("no repo " + fullName);
    }
    return r;
  }

  public void addToken(String token, String login) {
    auth.tokens.put(token, login);
  }

  /** Sets the rate limit; each counted request takes one off until {@code reset}. */
  public void rateLimit(int limit, int remaining, Instant reset) {
    synchronized (lock) {
      this.limit = limit;
      this.remaining = remaining;
      this.resetAt = reset;
    }
  }

  public int rateLimitRemaining() {
    synchronized (lock) {
      return remaining;
    }
  }

  /** Queues a reply served (FIFO) instead of normal handling of the next request. */
  public void enqueue(CannedReply reply) {
    canned.add(reply);
  }

  /**
   * Queues a reply for the next request with this method whose path ends with {@code pathSuffix}
   * (e.g. "POST", "/pulls"), whatever comes before it.
   */
  public void enqueueFor(String method, String pathSuffix, CannedReply reply) {
    synchronized (targeted) {
      targeted.add(new Targeted(method, pathSuffix, reply));
    }
  }

  private CannedReply targeted(String method, String path) {
    synchronized (targeted) {
      for (java.util.Iterator<Targeted> it = targeted.iterator(); it.hasNext();) {
        Targeted t = it.next();
        if (t.method().equals(method) && path.endsWith(t.pathSuffix())) {
          it.remove();
          return t.reply();
        }
      }
    }
    return null;
  }

  /** The oldest request not yet taken; fails after a second without one. */
  public RecordedRequest takeRequest() throws InterruptedException {
    RecordedRequest r = unread.poll(1, TimeUnit.SECONDS);
    if (r == null) {
      throw new AssertionError("no request arrived");
    }
    return r;
  }

  public List<RecordedRequest> requests() {
    synchronized (all) {
      return List.copyOf(all);
    }
  }

  long nextId() {
    synchronized (lock) {
      return nextId++;
    }
  }

  @Override
  public void close() {
    app.stop();
    try (var paths = Files.walk(root)) {
      paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (java.io.IOException e) {
      // a temp dir left behind is harmless
    }
  }

  // ---- request handling shared by the routes ----

  private void before(Context ctx) {
    Map<String, String> headers = new LinkedHashMap<>();
    ctx.headerMap().forEach((k, v) -> headers.put(k.toLowerCase(Locale.ROOT), v));
    RecordedRequest rec = new RecordedRequest(ctx.method().name(), ctx.path(), ctx.queryString(), headers, ctx.body());
    synchronized (all) {
      all.add(rec);
    }
    unread.add(rec);
    CannedReply reply = targeted(ctx.method().name(), ctx.path());
    if (reply == null) {
      reply = canned.poll();
    }
    if (reply != null && reply.afterHandling()) {
      ctx.attribute("canned", reply);
    } else if (reply != null) {
      serve(ctx, reply);
      ctx.skipRemainingHandlers();
      return;
    }
    synchronized (lock) {
      if (!clock.instant().isBefore(resetAt)) {
        remaining = limit;
        resetAt = clock.instant().plus(Duration.ofHours(1));
      }
      if (remaining <= 0) {
        rateHeaders(ctx);
        ctx.status(403).contentType("application/json")
            .result("{\"message\":\"API rate limit exceeded for user.\",\"documentation_url\":\"https://docs.github.com\"}");
        ctx.skipRemainingHandlers();
        return;
      }
      remaining--;
    }
    try {
      auth.authenticate(ctx);
    } catch (FakeError e) {
      respond(ctx, e.status, e.json());
      ctx.skipRemainingHandlers();
    }
  }

  private void after(Context ctx) {
    CannedReply reply = ctx.attribute("canned");
    if (reply != null) {
      serve(ctx, reply);
    }
  }

  private static void serve(Context ctx, CannedReply reply) {
    reply.headers().forEach(ctx::header);
    ctx.status(reply.status()).contentType("application/json").result(reply.body());
  }

  private void rateHeaders(Context ctx) {
    ctx.header("X-RateLimit-Limit", Integer.toString(limit));
    ctx.header("X-RateLimit-Remaining", Integer.toString(remaining));
    ctx.header("X-RateLimit-Reset", Long.toString(resetAt.getEpochSecond()));
  }

  /** Answers with JSON; a GET gets an ETag, and a 304 when it matches (refunding the rate limit). */
  void respond(Context ctx, int status, Object body) {
    byte[] bytes;
    try {
      bytes = body == null ? new byte[0] : JSON.writeValueAsBytes(body);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
    synchronized (lock) {
      if (ctx.method().name().equals("GET") && status == 200) {
        String etag = "\"" + sha1(bytes, String.valueOf(ctx.res().getHeader("Link"))) + "\"";
        ctx.header("ETag", etag);
        if (etag.equals(ctx.header("If-None-Match"))) {
          remaining++; // GitHub does not count a 304
          rateHeaders(ctx);
          ctx.status(304).result(new byte[0]);
          return;
        }
      }
      rateHeaders(ctx);
    }
    ctx.status(status).contentType("application/json").result(bytes);
  }

  /** Answers one page of {@code items} (per_page, page) with GitHub's Link header. */
  void respondPage(Context ctx, List<?> items, java.util.function.Function<List<?>, Object> wrap) {
    int perPage = Math.min(100, intParam(ctx, "per_page", 30));
    int page = intParam(ctx, "page", 1);
    int from = Math.min(items.size(), (page - 1) * perPage);
    int to = Math.min(items.size(), from + perPage);
    if (to < items.size()) {
      String q = ctx.queryString() == null ? "" : ctx.queryString().replaceAll("(^|&)page=\\d+", "");
      q = q.startsWith("&") ? q.substring(1) : q;
      String next = uri() + ctx.path() + "?" + (q.isEmpty() ? "" : q + "&") + "page=" + (page + 1);
      int last = (items.size() + perPage - 1) / perPage;
      ctx.header("Link", "<" + next + ">; rel=\"next\", <" + next.replaceAll("page=\\d+$", "page=" + last) + ">; rel=\"last\"");
    }
    respond(ctx, 200, wrap.apply(items.subList(from, to)));
  }

  static int intParam(Context ctx, String name, int dflt) {
    String v = ctx.queryParam(name);
    return v == null ? dflt : Integer.parseInt(v);
  }

  FakeRepo repo(Context ctx) {
    FakeRepo r = repos.get(ctx.pathParam("owner") + "/" + ctx.pathParam("repo"));
    if (r == null) {
      throw FakeError.notFound();
    }
    return r;
  }

  static JsonNode body(Context ctx) {
    try {
      String b = ctx.body();
      return JSON.readTree(b.isEmpty() ? "{}" : b);
    } catch (Exception e) {
      throw new FakeError(400, "Problems parsing JSON");
    }
  }

  /** The login of whoever made this request (a user, or "{slug}[bot]" for an App). */
  static String login(Context ctx) {
    return ctx.attribute("login");
  }

  /** Installs an App whose JWTs the fake accepts. */
  public void installApp(long appId, String slug, RSAPublicKey key, long installationId, Duration tokenLifetime) {
    auth.installApp(appId, slug, key, installationId, tokenLifetime);
  }

  private static String sha1(byte[] body, String extra) {
    try {
      MessageDigest d = MessageDigest.getInstance("SHA-1");
      d.update(body);
      d.update(extra.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(d.digest());
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
