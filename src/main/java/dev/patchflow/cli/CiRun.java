package dev.patchflow.cli;

import dev.patchflow.ci.CiBridge;
import dev.patchflow.ci.CiCycle;
import dev.patchflow.ci.CiMetrics;
import dev.patchflow.ci.CiWebhook;
import dev.patchflow.ci.CyclePlan;
import dev.patchflow.ci.config.CiConfig;
import io.javalin.Javalin;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.PrintWriter;
import java.time.Clock;
import java.util.concurrent.CountDownLatch;

/** `patchflow ci --config FILE`: the bridge on its own, once or until stopped. */
final class CiRun {
  private final CiConfig config;
  private final PrintWriter out;

  CiRun(CiConfig config, PrintWriter out) {
    this.config = config;
    this.out = out;
  }

  int run(boolean once, boolean dryRun, Integer port) throws Exception {
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    CiMetrics metrics = new CiMetrics(registry);
    CiBridge bridge = new CiBridge(config, metrics, Clock.systemUTC(),
        dryRun ? CiBridge.Options.DRY_RUN : CiBridge.Options.DEFAULT);
    if (once) {
      CiCycle.Report r = bridge.pass(dryRun);
      if (dryRun) {
        print(r.plan());
      }
      out.printf("%s: %d series to test, %d applied, %d conflicts, %d pull requests closed, %d checks posted,"
          + " %d errors, %d requests%n", dryRun ? "dry run" : "pass", r.plan().tests().size(), r.applied(), r.conflicts(),
          r.closed(), r.checks(), r.errors(), metrics.cycleRequests());
      return r.errors() == 0 ? 0 : 1;
    }
    Javalin http = port == null ? null : serve(registry, bridge, port);
    bridge.start();
    out.println("ci bridge running: a pass every " + config.pollInterval().toSeconds() + " s"
        + (http == null ? "" : ", /metrics on port " + http.port()) + " (Ctrl-C stops it)");
    out.flush();
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      bridge.close();
      if (http != null) {
        http.stop();
      }
      stopped.countDown();
    }, "ci-shutdown"));
    stopped.await();
    return 0;
  }

  private Javalin serve(PrometheusMeterRegistry registry, CiBridge bridge, int port) {
    Javalin app = Javalin.create(c -> c.showJavalinBanner = false);
    app.get("/metrics", ctx -> ctx.contentType("text/plain; version=0.0.4").result(registry.scrape()));
    if (config.github().webhookSecret() != null) {
      new CiWebhook(config.github().webhookSecret().reveal(), bridge::wake).register(app);
    }
    return app.start(port);
  }

  private void print(CyclePlan plan) {
    for (CyclePlan.Test t : plan.tests()) {
      out.printf("would test series %d (v%d) \"%s\" on %s%n", t.series().series().id(), t.series().series().version(),
          t.subject(), String.join(" then ", t.tryOrder()));
    }
    for (CyclePlan.Close c : plan.closes()) {
      out.printf("would close pull request #%d (%s): %s%n", c.pr().number(), c.pr().headRef(), c.comment().strip());
    }
    for (CyclePlan.Skip s : plan.skips()) {
      out.printf("would skip \"%s\": %s%n", s.subject(), s.reason());
    }
  }
}
