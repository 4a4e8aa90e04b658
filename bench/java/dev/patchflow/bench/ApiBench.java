package dev.patchflow.bench;

import ch.qos.logback.classic.Level;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.patchflow.api.ApiServer;
import dev.patchflow.config.DatabaseConfig;
import dev.patchflow.config.IntakeConfig;
import dev.patchflow.intake.ImportProgress;
import dev.patchflow.intake.ImportSummary;
import dev.patchflow.intake.Importer;
import dev.patchflow.intake.MailSources;
import dev.patchflow.intake.ProjectRouter;
import dev.patchflow.store.Database;
import dev.patchflow.users.Users;
import dev.patchflow.web.WebUi;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;
import org.slf4j.LoggerFactory;

/**
 * The api benchmark: how fast the HTTP server answers what clients poll most, over a store the
 * size of a busy list (100,000 patches in 15,000 series). The store is seeded with the real
 * importer, the real server runs in this JVM on a free port, and a closed loop of clients (16
 * by default) sends requests for a fixed time per endpoint, after a warm-up: the Patchwork
 * series list, the list of new patches, and series pages picked at random. The database is
 * analysed after seeding, so that the figures are for the plans a running server would have.
 *
 * <p>An endpoint so slow that loading it would keep the clients waiting for many minutes (one
 * request alone, times the clients, shared by the cores, over {@code max_drain} seconds; or no
 * answer to one request within the timeout) is not loaded: the run says how long one request
 * took, leaves that endpoint's figures out and fails.
 *
 * <p>Settings (as -D in PATCHFLOW_BENCH_JAVA_OPTS): patchflow.bench.api.seconds (30, measured
 * per endpoint), patchflow.bench.api.warmup (5), patchflow.bench.api.clients (16),
 * patchflow.bench.api.pool (16, the PostgreSQL pool; H2 runs with the default pool),
 * patchflow.bench.api.timeout (60, seconds a client waits for one answer; the statements of
 * requests it gave up on are cancelled in the database, so that they do not run on into the
 * next measurement),
 * patchflow.bench.api.max_drain (120, see above).
 */
final class ApiBench {
  private static final int SECONDS = Integer.getInteger("patchflow.bench.api.seconds", 30);
  private static final int WARMUP = Integer.getInteger("patchflow.bench.api.warmup", 5);
  private static final int CLIENTS = Integer.getInteger("patchflow.bench.api.clients", 16);
  private static final int PG_POOL = Integer.getInteger("patchflow.bench.api.pool", 16);
  private static final Duration TIMEOUT = Duration.ofSeconds(Integer.getInteger("patchflow.bench.api.timeout", 60));
  private static final int MAX_DRAIN = Integer.getInteger("patchflow.bench.api.max_drain", 120);
  private static final int BATCH_SIZE = 500; // the configured default
  private static final int CORES = Runtime.getRuntime().availableProcessors();

  /**
   * What the clients load, one after the other. The server keeps answers until the store
   * changes, so the first three measure answers from its cache (the case of clients polling an
   * unchanged list), except series pages, which are picked at random among 15,000; the last is
   * the series list from a second server on the same store with the cache off, which is what
   * every first request after a write costs.
   */
  private enum Endpoint {
    SERIES_LIST(true), PATCHES_NEW(true), SERIES_PAGE(true), SERIES_LIST_UNCACHED(false);

    final boolean cached;

    Endpoint(boolean cached) {
      this.cached = cached;
    }
  }

  /** How loading one endpoint went: requests that failed, and whether it was loaded at all. */
  private record Outcome(long errors, boolean loaded) {}

  private final Path dataDir;
  private final ApiCorpus.Spec spec = ApiCorpus.Spec.API;

  ApiBench(Path dataDir) {
    this.dataDir = dataDir;
  }

  boolean run(Figures figures) throws IOException, InterruptedException {
    ApiCorpus.Corpus corpus = ApiCorpus.ensure(dataDir, spec);
    System.err.println("bench: corpus: " + corpus.stats().describe() + ", "
        + String.format(Locale.ROOT, "%.1f MiB", Files.size(corpus.mbox()) / 1048576.0));
    // The server logs every request at INFO: that would be the logger's benchmark, not ours.
    ((ch.qos.logback.classic.Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).setLevel(Level.WARN);
    System.err.printf("bench: api: %d clients, %d s warm-up and %d s measured per endpoint, %d cores%n", CLIENTS,
        WARMUP, SECONDS, CORES);

    boolean ok;
    Path home = Files.createTempDirectory("patchflow-bench-api-h2");
    try {
      ok = database("api.h2", DatabaseConfig.EMBEDDED, home, corpus, figures);
    } finally {
      Dirs.deleteTree(home);
    }
    ok &= pg(corpus, figures);
    return ok;
  }

  private boolean pg(ApiCorpus.Corpus corpus, Figures figures) throws IOException, InterruptedException {
    String url = System.getenv("PATCHFLOW_BENCH_PG_URL");
    if (url == null || url.isBlank()) {
      System.err.println("bench: note: PATCHFLOW_BENCH_PG_URL is not set and no local PostgreSQL was set up: "
          + "skipping api.pg");
      return true;
    }
    PgScratchDatabase scratch;
    try {
      scratch = PgScratchDatabase.create(url, System.getenv("PATCHFLOW_BENCH_PG_USER"), System.getenv("PATCHFLOW_BENCH_PG_PASSWORD"));
    } catch (SQLException | IllegalArgumentException e) {
      System.err.println("bench: note: cannot make a scratch database at " + url + ": " + e.getMessage() + "; skipping api.pg");
      return true;
    }
    Path home = Files.createTempDirectory("patchflow-bench-api-pg");
    try (PgScratchDatabase db = scratch) {
      System.err.println("bench: PostgreSQL scratch database " + db.name());
      DatabaseConfig c = db.config();
      return database("api.pg", new DatabaseConfig(c.url(), c.user(), c.password(), PG_POOL), home, corpus, figures);
    } finally {
      Dirs.deleteTree(home);
    }
  }

  /** Seeds one fresh database, serves it, loads each endpoint; false when any request failed. */
  private boolean database(String prefix, DatabaseConfig config, Path home, ApiCorpus.Corpus corpus, Figures figures)
      throws IOException, InterruptedException {
    Clock clock = Clock.systemUTC();
    try (Database db = Database.open(config, home)) {
      System.err.println("bench: " + prefix + ": seeding (" + corpus.stats().messages() + " messages) ...");
      long t0 = System.nanoTime();
      ImportSummary s = new Importer(db, new ProjectRouter(List.of(), IntakeConfig.Unmatched.AUTO), BATCH_SIZE, clock)
          .importAll(MailSources.open(List.of(corpus.mbox())), ImportProgress.NONE);
      double seed = (System.nanoTime() - t0) / 1e9;
      System.err.printf("bench: %s: seeded in %.1f s: %s%n", prefix, seed, s.describe());
      figures.add(prefix + ".seed_s", seed, "s");
      long[] seriesIds = checkSeed(prefix, db, corpus.stats());
      // Fresh statistics, as autovacuum (PostgreSQL) or H2's own analysis would have them soon:
      // without this, PostgreSQL plans the first minutes with none for the series tables, and
      // the plans change while the clients run.
      long t1 = System.nanoTime();
      db.jdbi().useHandle(h -> h.execute("ANALYZE"));
      System.err.printf(Locale.ROOT, "bench: %s: ANALYZE took %.1f s%n", prefix, (System.nanoTime() - t1) / 1e9);

      Canceller canceller = new Canceller(db.dialect(), config, home);
      Users users = new Users(db, clock);
      ApiServer server = new ApiServer(db, users, clock, new WebUi(db, users, clock)).start("127.0.0.1", 0);
      ApiServer uncached = new ApiServer(db, users, clock, 0).start("127.0.0.1", 0);
      boolean ok = true;
      try (HttpLoad load = new HttpLoad(CLIENTS, TIMEOUT)) {
        long errors = 0;
        for (Endpoint e : Endpoint.values()) {
          String base = "http://127.0.0.1:" + (e.cached ? server : uncached).port();
          Outcome o = endpoint(prefix, e, base, seriesIds, load, canceller, figures);
          errors += o.errors();
          ok &= o.loaded();
        }
        figures.add(prefix + ".errors", errors, "errors");
        if (errors > 0) {
          System.err.println("bench: FAILED: " + prefix + ": " + errors + " requests did not answer 200 in time");
        }
        return ok && errors == 0;
      } finally {
        // Requests still running would be interrupted by the stop, and H2 closes its file on an
        // interrupt: let them finish first.
        if (!HttpLoad.awaitIdle(Duration.ofSeconds(5))) {
          canceller.cancel(prefix);
          if (!HttpLoad.awaitIdle(Duration.ofMinutes(2))) {
            System.err.println("bench: note: " + prefix + ": the server is still busy; stopping it anyway");
          }
        }
        for (ApiServer a : new ApiServer[] {server, uncached}) {
          try {
            a.close();
          } catch (RuntimeException e) {
            System.err.println("bench: note: " + prefix + ": a server did not stop cleanly: " + e);
          }
        }
      }
    }
  }

  /** Compares the store with what the generator wrote; returns the ids of the series stored. */
  private long[] checkSeed(String prefix, Database db, ApiCorpus.Stats made) {
    long patches = db.jdbi().withHandle(h -> h.createQuery("SELECT COUNT(*) FROM message_project mp "
        + "JOIN message m ON m.id = mp.message_id JOIN project p ON p.id = mp.project_id "
        + "WHERE p.name = :p AND m.kind = 'PATCH'").bind("p", spec.project()).mapTo(Long.class).one());
    List<Long> ids = db.jdbi().withHandle(h -> h.createQuery("SELECT s.id FROM series s JOIN project p ON p.id = s.project_id "
        + "WHERE p.name = :p ORDER BY s.id").bind("p", spec.project()).mapTo(Long.class).list());
    if (patches != made.patches() || ids.size() != made.series()) {
      System.err.printf("bench: WARNING: %s: the store has %d patches in %d series of %s; the corpus has %d in %d%n",
          prefix, patches, ids.size(), spec.project(), made.patches(), made.series());
    }
    if (ids.isEmpty()) {
      throw new IllegalStateException(prefix + ": no series in project " + spec.project() + " after seeding");
    }
    return ids.stream().mapToLong(Long::longValue).toArray();
  }

  /** Checks one answer, warms up, measures; prints the figures. */
  private Outcome endpoint(String prefix, Endpoint e, String base, long[] seriesIds, HttpLoad load, Canceller canceller,
      Figures figures) throws IOException, InterruptedException {
    String label = prefix + "." + e.name().toLowerCase(Locale.ROOT);
    String project = spec.project();
    Supplier<URI> next = switch (e) {
      case SERIES_LIST, SERIES_LIST_UNCACHED -> fixed(base + "/api/1.3/series/?project=" + project);
      case PATCHES_NEW -> fixed(base + "/api/1.3/patches/?project=" + project + "&state=new");
      case SERIES_PAGE -> () -> URI.create(base + "/series/" + seriesIds[ThreadLocalRandom.current().nextInt(seriesIds.length)] + "/");
    };
    double single;
    try {
      single = check(label, e, load, next.get());
    } catch (java.net.http.HttpTimeoutException x) {
      System.err.printf("bench: FAILED: %s: one request alone had no answer in %d s; not loaded, no figures%n", label,
          TIMEOUT.toSeconds());
      idle(label, canceller);
      return new Outcome(1, false);
    } catch (IOException | IllegalStateException x) {
      System.err.println("bench: FAILED: " + label + ": " + x.getMessage() + "; not loaded, no figures");
      idle(label, canceller);
      return new Outcome(1, false);
    }
    double drain = single * CLIENTS / CORES;
    System.err.printf(Locale.ROOT, "bench: %s: one request alone (cold) took %.1f ms%n", label, single * 1000);
    if (drain > MAX_DRAIN) {
      System.err.printf(Locale.ROOT, "bench: FAILED: %s: too slow to load: %d clients would wait about %.0f s for "
          + "each answer (patchflow.bench.api.max_drain is %d s); no figures%n", label, CLIENTS, drain, MAX_DRAIN);
      return new Outcome(0, false);
    }

    HttpLoad.Result warm = load.run(label, next, Duration.ofSeconds(WARMUP));
    if (warm.timeouts() > 0) {
      idle(label, canceller);
    }
    ServerTime before = ServerTime.scrape(load, base);
    HttpLoad.Result r = load.run(label, next, Duration.ofSeconds(SECONDS));
    if (r.timeouts() > 0) {
      idle(label, canceller);
    }
    ServerTime after = ServerTime.scrape(load, base);

    figures.add(label + ".req_per_s", r.perSecond(), "req/s");
    figures.add(label + ".p50_ms", r.percentileMs(50), "ms");
    figures.add(label + ".p99_ms", r.percentileMs(99), "ms");
    System.err.printf(Locale.ROOT, "bench: %s: %d requests in %.1f s (warm-up %d), p90 %.1f ms, max %.1f ms, "
            + "%.1f KiB a response; server-side mean %.2f ms a request%n", label, r.requests(), r.seconds(),
        warm.requests(), r.percentileMs(90), r.percentileMs(100), r.requests() == 0 ? 0.0 : r.bytes() / 1024.0 / r.requests(),
        after.meanMsSince(before));
    return new Outcome(warm.errors() + r.errors(), true);
  }

  /** After requests the clients gave up on: cancels their statements and waits for the server to be idle. */
  private static void idle(String label, Canceller canceller) throws InterruptedException {
    canceller.cancel(label);
    if (!HttpLoad.awaitIdle(Duration.ofMinutes(2))) {
      System.err.println("bench: note: " + label + ": the server is still busy with requests the clients gave up on");
    }
  }

  private static Supplier<URI> fixed(String url) {
    URI uri = URI.create(url);
    return () -> uri;
  }

  /**
   * One request before the load, timed: the answer must be a full page, or the figures would
   * mean nothing. Returns its seconds.
   */
  private static double check(String label, Endpoint e, HttpLoad load, URI uri) throws IOException, InterruptedException {
    long t0 = System.nanoTime();
    HttpResponse<String> r = load.get(uri, TIMEOUT);
    double seconds = (System.nanoTime() - t0) / 1e9;
    if (r.statusCode() != 200) {
      throw new IllegalStateException("GET " + uri + " answered " + r.statusCode() + ": "
          + r.body().substring(0, Math.min(300, r.body().length())));
    }
    if (e == Endpoint.SERIES_PAGE) {
      if (!r.body().contains("<html")) {
        throw new IllegalStateException("GET " + uri + " is not an HTML page");
      }
      return seconds;
    }
    JsonNode list = new ObjectMapper().readTree(r.body());
    if (!list.isArray() || list.size() != 30) {
      throw new IllegalStateException("GET " + uri + " listed " + list.size() + " items, expected a full page of 30");
    }
    return seconds;
  }

  /**
   * Cancels the statements the server is still running for requests the clients gave up on.
   * It has a connection of its own: the server's pool may be all taken by those statements.
   */
  private record Canceller(Database.Dialect dialect, DatabaseConfig config, Path home) {
    void cancel(String label) {
      // The embedded URL as Database.open makes it: the same URL reaches the same open database.
      String url = config.url() != null ? config.url()
          : "jdbc:h2:file:" + home.resolve("db").resolve("patchflow").toAbsolutePath()
              + ";AUTO_SERVER=TRUE;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE";
      String user = config.user() != null ? config.user() : dialect == Database.Dialect.H2 ? "sa" : null;
      String password = config.password() != null ? config.password().reveal() : "";
      int cancelled = 0;
      try (java.sql.Connection c = java.sql.DriverManager.getConnection(url, user, password);
          java.sql.Statement st = c.createStatement()) {
        String running = dialect == Database.Dialect.H2
            ? "SELECT CANCEL_SESSION(session_id) FROM information_schema.sessions "
                + "WHERE executing_statement IS NOT NULL AND session_id <> SESSION_ID()"
            : "SELECT pg_cancel_backend(pid) FROM pg_stat_activity "
                + "WHERE datname = current_database() AND pid <> pg_backend_pid() AND state = 'active'";
        try (java.sql.ResultSet rs = st.executeQuery(running)) {
          while (rs.next()) {
            cancelled += rs.getBoolean(1) ? 1 : 0;
          }
        }
      } catch (SQLException e) {
        System.err.println("bench: note: " + label + ": could not cancel the server's statements: " + e.getMessage());
        return;
      }
      System.err.println("bench: " + label + ": cancelled " + cancelled + " statements of requests the clients gave up on");
    }
  }

  /**
   * The server's own count and total time of the requests it answered (its Prometheus timer,
   * all routes but /metrics), to tell server time from what the clients add.
   */
  private record ServerTime(double count, double seconds) {
    static ServerTime scrape(HttpLoad load, String base) throws IOException, InterruptedException {
      double count = 0;
      double seconds = 0;
      for (String line : load.get(URI.create(base + "/metrics"), Duration.ofSeconds(60)).body().split("\n")) {
        if (line.startsWith("#") || line.contains("route=\"/metrics\"")) {
          continue;
        }
        if (line.startsWith("http_server_requests_seconds_count{")) {
          count += value(line);
        } else if (line.startsWith("http_server_requests_seconds_sum{")) {
          seconds += value(line);
        }
      }
      return new ServerTime(count, seconds);
    }

    private static double value(String line) {
      return Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
    }

    double meanMsSince(ServerTime before) {
      double n = count - before.count;
      return n <= 0 ? Double.NaN : (seconds - before.seconds) / n * 1000;
    }
  }
}
