package dev.patchflow.api;

import dev.patchflow.api.pwcompat.PwRoutes;
import dev.patchflow.store.Database;
import dev.patchflow.tracking.CheckActions;
import dev.patchflow.tracking.PatchActions;
import dev.patchflow.users.Users;
import io.javalin.Javalin;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import dev.patchflow.config.ServerConfig;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import java.time.Clock;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP server: the Patchwork-compatible API, the native API and the web UI over one store,
 * with authentication, error mapping, request logs and metrics around them.
 */
public final class ApiServer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger("dev.patchflow.http");
  private final Javalin app;
  private final PrometheusMeterRegistry metrics = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);

  /** Extra routes (the web UI, the native API) added by their own packages. */
  public interface Module {
    void register(Javalin app, ResponseCache cache);
  }

  /** The registry /metrics shows; other parts of the process (the CI bridge) add their meters here. */
  public io.micrometer.core.instrument.MeterRegistry metrics() {
    return metrics;
  }

  public ApiServer(Database db, Users users, Clock clock, Module... modules) {
    this(db, users, clock, ServerConfig.DEFAULT.cacheBytes(), modules);
  }

  public ApiServer(Database db, Users users, Clock clock, long cacheBytes, Module... modules) {
    ResponseCache cache = new ResponseCache(db.revision(), cacheBytes);
    FunctionCounter.builder("patchflow.response.cache.hits", cache, ResponseCache::hits).register(metrics);
    FunctionCounter.builder("patchflow.response.cache.misses", cache, ResponseCache::misses).register(metrics);
    FunctionCounter.builder("patchflow.response.not.modified", cache, ResponseCache::notModified).register(metrics);
    Gauge.builder("patchflow.response.cache.bytes", cache, ResponseCache::bytes).register(metrics);
    Auth auth = new Auth(users, new LoginThrottle(clock));
    this.app = Javalin.create(config -> {
      config.showJavalinBanner = false;
      config.router.ignoreTrailingSlashes = true;
      config.http.maxRequestSize = 64L * 1024 * 1024;
      config.jetty.modifyServer(server -> server.setStopTimeout(10_000));
      config.staticFiles.add(sf -> {
        sf.hostedPath = "/static";
        sf.directory = "/static";
        sf.location = io.javalin.http.staticfiles.Location.CLASSPATH;
      });
    });
    app.before(ctx -> ctx.attribute("patchflow.start", System.nanoTime()));
    app.before(auth::resolve);
    app.after(ctx -> {
      Long start = ctx.attribute("patchflow.start");
      long nanos = start == null ? 0 : System.nanoTime() - start;
      String route = ctx.endpointHandlerPath();
      Timer.builder("http.server.requests").tag("method", ctx.method().name()).tag("route", route)
          .tag("status", Integer.toString(ctx.statusCode())).register(metrics).record(java.time.Duration.ofNanos(nanos));
      LOG.atInfo().addKeyValue("method", ctx.method().name()).addKeyValue("path", ctx.path())
          .addKeyValue("status", ctx.statusCode()).addKeyValue("ms", nanos / 1_000_000)
          .addKeyValue("user", Auth.principal(ctx).username()).log("request");
    });
    app.exception(ApiException.class, (e, ctx) -> {
      ctx.status(e.status());
      if (ctx.path().startsWith("/api/")) {
        ctx.contentType("application/json").result(Json.write(Map.of("detail", e.getMessage())));
      } else {
        ctx.contentType("text/plain; charset=utf-8").result(e.status() + ": " + e.getMessage());
      }
    });
    app.exception(Exception.class, (e, ctx) -> {
      LOG.atError().setCause(e).addKeyValue("path", ctx.path()).log("request failed");
      ctx.status(500).contentType("application/json").result(Json.write(Map.of("detail", "Internal server error.")));
    });
    app.get("/healthz", ctx -> {
      db.jdbi().withHandle(h -> h.createQuery("SELECT 1").mapTo(Integer.class).one());
      ctx.result("ok");
    });
    app.get("/metrics", ctx -> ctx.contentType("text/plain; version=0.0.4").result(metrics.scrape()));
    PwRoutes.register(app, db, cache, new PatchActions(db, clock), new CheckActions(db, clock));
    for (Module m : modules) {
      m.register(app, cache);
    }
  }

  public ApiServer start(String host, int port) {
    app.start(host, port);
    return this;
  }

  public int port() {
    return app.port();
  }

  @Override
  public void close() {
    app.stop();
  }
}
