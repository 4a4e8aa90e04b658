package dev.patchflow.forge;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A GitHub REST client. Each request runs down a chain of small stages:
 * auth → rate limit → retry → conditional cache (ETag) → log → send.
 * Thread-safe; make one per GitHub identity and keep it (its ETag cache and App token live in it).
 */
public final class GitHubClient {
  public static final URI DEFAULT_BASE = URI.create("https://api.github.com");
  private static final Pattern NEXT = Pattern.compile("<([^>]+)>\\s*;\\s*rel=\"next\"");
  private static final int MAX_PAGES = 100;

  private final URI base;
  private final GitHubAuth auth;
  private final List<Stage> stages;
  private final RateLimitState rateLimit = new RateLimitState();
  private final Redactor redactor = new Redactor();
  private final InstallationTokens installation;
  private volatile String login;

  private GitHubClient(Builder b) {
    this.base = b.baseUri;
    this.auth = b.auth;
    HttpClient http = HttpClient.newBuilder().connectTimeout(b.connectTimeout)
        .followRedirects(HttpClient.Redirect.NEVER).version(HttpClient.Version.HTTP_1_1).build();
    AuthStage authStage;
    if (auth instanceof GitHubAuth.Token) {
      String token = ((GitHubAuth.Token) auth).token().reveal();
      redactor.remember(token);
      installation = null;
      authStage = AuthStage.forToken(token);
    } else {
      installation = new InstallationTokens((GitHubAuth.App) auth, base, b.clock, redactor);
      authStage = AuthStage.forApp(installation);
    }
    this.stages = List.of(
        authStage,
        new RateLimitStage(rateLimit, b.clock, b.sleeper, b.maxRateLimitWait, redactor),
        new RetryStage(b.sleeper, b.maxRetries, b.firstBackoff, redactor),
        new ConditionalCache(),
        new ExchangeLog(redactor, b.listener),
        new SendStage(http, b.requestTimeout));
  }

  public static Builder builder(GitHubAuth auth) {
    return new Builder(auth);
  }

  /** The operations on one repository. */
  public GitHubRepo repo(RepoRef ref) {
    return new GitHubRepo(this, ref);
  }

  public URI baseUri() {
    return base;
  }

  /** The rate limit as GitHub's latest answer stated it (empty before the first answer). */
  public Optional<RateLimit> rateLimit() {
    return rateLimit.last();
  }

  /**
   * Who we are on GitHub: the token user's login, or "{app-slug}[bot]" for an App (the login
   * that App-made pull requests, comments and workflow runs carry). Asked once, then remembered.
   */
  public String login() throws GitHubException {
    String known = login;
    if (known != null) {
      return known;
    }
    if (installation == null) {
      known = Json.text(call("GET", Route.of("/user"), null), "login");
    } else {
      Route route = Route.of("/app");
      Request req = Request.of("GET", route.resolve(base), route.template(), null)
          .withHeader("Authorization", "Bearer " + installation.jwt());
      known = Json.text(parse(check(execute(req))), "slug") + "[bot]";
    }
    login = known;
    return known;
  }

  /**
   * The token git should push with: the personal token, or the App's current installation token
   * (asked for or refreshed as needed). For git's credential header only; never log it.
   */
  public String gitToken() throws GitHubException {
    if (installation == null) {
      return ((GitHubAuth.Token) auth).token().reveal();
    }
    Request probe = Request.of("GET", base, "git-token", null);
    try {
      // the stages after auth: a token exchange is rate limited and retried like any call
      return installation.token(new StageChain(stages, 1, probe));
    } catch (IOException e) {
      throw new GitHubException(0, "POST", "/app/installations/{id}/access_tokens", redactor.redact(e.toString()), e);
    }
  }

  // ---- used by the resource classes ----

  JsonNode call(String method, Route route, Object body) throws GitHubException {
    return parse(check(execute(request(method, route, body))));
  }

  /** A POST whose repetition is harmless, so the retry stage may repeat it. */
  JsonNode callIdempotent(String method, Route route, Object body) throws GitHubException {
    return parse(check(execute(request(method, route, body).markIdempotent())));
  }

  /** Every item of a listing, following Link rel="next" pages, up to {@code limit} items. */
  <T> List<T> list(Route route, String arrayField, Function<JsonNode, T> each, int limit) throws GitHubException {
    Route first = route.query().containsKey("per_page") ? route : route.with("per_page", 100);
    URI uri = first.resolve(base);
    List<T> out = new ArrayList<>();
    for (int page = 0; uri != null && page < MAX_PAGES && out.size() < limit; page++) {
      Response r = check(execute(Request.of("GET", uri, route.template(), null)));
      JsonNode body = parse(r);
      JsonNode items = arrayField == null ? body : body.path(arrayField);
      for (T item : Json.list(items, each)) {
        if (out.size() < limit) {
          out.add(item);
        }
      }
      uri = next(r);
    }
    return out;
  }

  private Request request(String method, Route route, Object body) throws GitHubException {
    byte[] bytes = null;
    if (body != null) {
      try {
        bytes = Json.MAPPER.writeValueAsBytes(body);
      } catch (JsonProcessingException e) {
        throw new IllegalArgumentException("cannot write the request body", e);
      }
    } else if (method.equals("POST") || method.equals("PUT") || method.equals("PATCH")) {
      bytes = new byte[0];
    }
    return Request.of(method, route.resolve(base), route.template(), bytes);
  }

  private Response execute(Request req) throws GitHubException {
    try {
      return new StageChain(stages, 0, req).proceed(req);
    } catch (IOException e) {
      throw new GitHubException(0, req.method(), redactor.redact(req.path()), redactor.redact(e.toString()), e);
    }
  }

  private Response check(Response r) throws GitHubException {
    if (!r.successful()) {
      throw Errors.of(r, redactor);
    }
    return r;
  }

  private JsonNode parse(Response r) throws GitHubException {
    if (r.body() == null || r.body().length == 0) {
      return MissingNode.getInstance();
    }
    try {
      return Json.MAPPER.readTree(r.body());
    } catch (IOException e) {
      throw new GitHubException(r.status(), r.request().method(), redactor.redact(r.request().path()),
          "answer is not JSON", e);
    }
  }

  /** The next page, only if it is on our API host: the token must never go anywhere else. */
  private URI next(Response r) throws GitHubException {
    Optional<String> link = r.header("link");
    if (link.isEmpty()) {
      return null;
    }
    Matcher m = NEXT.matcher(link.get());
    if (!m.find()) {
      return null;
    }
    URI next = URI.create(m.group(1));
    boolean sameOrigin = Objects.equals(next.getScheme(), base.getScheme())
        && Objects.equals(next.getHost(), base.getHost()) && next.getPort() == base.getPort();
    if (!sameOrigin) {
      throw new GitHubException(r.status(), "GET", redactor.redact(r.request().path()),
          "the next page is on another host (" + next.getHost() + "); not following it with our token");
    }
    return next;
  }

  /** Settings for a client; everything but the auth has a default. */
  public static final class Builder {
    private final GitHubAuth auth;
    private URI baseUri = DEFAULT_BASE;
    private Clock clock = Clock.systemUTC();
    private Sleeper sleeper = Sleeper.REAL;
    private RequestListener listener = RequestListener.NONE;
    private int maxRetries = 3;
    private Duration firstBackoff = Duration.ofSeconds(1);
    private Duration maxRateLimitWait = Duration.ofMinutes(15);
    private Duration connectTimeout = Duration.ofSeconds(10);
    private Duration requestTimeout = Duration.ofSeconds(30);

    private Builder(GitHubAuth auth) {
      this.auth = Objects.requireNonNull(auth, "auth");
    }

    /** The API root: https://api.github.com, or https://HOST/api/v3 for GitHub Enterprise. */
    public Builder baseUri(URI uri) {
      this.baseUri = URI.create(uri.toString().replaceAll("/+$", ""));
      return this;
    }

    public Builder clock(Clock c) {
      this.clock = c;
      return this;
    }

    public Builder sleeper(Sleeper s) {
      this.sleeper = s;
      return this;
    }

    public Builder listener(RequestListener l) {
      this.listener = l;
      return this;
    }

    /** Retries of an idempotent request after a 5xx or a lost connection (default 3). */
    public Builder maxRetries(int n) {
      this.maxRetries = n;
      return this;
    }

    /** The first backoff; each retry waits twice the one before (default 1 s). */
    public Builder firstBackoff(Duration d) {
      this.firstBackoff = d;
      return this;
    }

    /** The longest the client waits for a rate limit to lift before giving up (default 15 min). */
    public Builder maxRateLimitWait(Duration d) {
      this.maxRateLimitWait = d;
      return this;
    }

    public Builder connectTimeout(Duration d) {
      this.connectTimeout = d;
      return this;
    }

    public Builder requestTimeout(Duration d) {
      this.requestTimeout = d;
      return this;
    }

    public GitHubClient build() {
      return new GitHubClient(this);
    }
  }
}
