package dev.patchflow.bench;

import ch.qos.logback.classic.Level;
import dev.patchflow.ci.CiBridge;
import dev.patchflow.ci.CiCycle;
import dev.patchflow.ci.CiMetrics;
import dev.patchflow.ci.config.CiConfig;
import dev.patchflow.ci.config.CiConfigFiles;
import dev.patchflow.forge.FakeActions;
import dev.patchflow.forge.RecordedRequest;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.slf4j.LoggerFactory;

/**
 * The ci benchmark: what the CI bridge's passes cost in HTTP requests (GitHub and Patchwork
 * together, 304s included, as {@link CiMetrics#cycleRequests} counts them) with 200 open
 * series. The real bridge runs against Patchflow's server in this JVM and the fake GitHub;
 * four passes: the first (every series becomes a pull request), a busy one (every workflow run
 * finished since, so every series' results change), the one after it (which still finds the
 * patch listing changed by the busy pass's own checks) and an idle one (nothing changed). The
 * issue's target is at most 3 requests for an idle pass; the requests of the last two passes
 * are listed on stderr, so that a figure above it says where they went.
 *
 * <p>Settings (as -D in PATCHFLOW_BENCH_JAVA_OPTS): patchflow.bench.ci.series (200).
 */
final class CiBench {
  private static final int SERIES = Integer.getInteger("patchflow.bench.ci.series", 200);
  private static final int IDLE_TARGET = 3;

  /** One pass: what it did, what it cost, and the requests each side saw. */
  private record Pass(CiCycle.Report report, long requests, double ms, List<RecordedRequest> github,
      List<String> patchwork, Map<String, Long> byAnswer) {}

  boolean run(Figures figures) throws Exception {
    // The bridge and the server log every pull request and request at INFO: 200 series of that
    // would bury the figures' notes.
    ((ch.qos.logback.classic.Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).setLevel(Level.WARN);
    Path work = Files.createTempDirectory("patchflow-bench-ci");
    try (CiWorld w = CiWorld.create(work, SERIES)) {
      System.err.printf("bench: ci: %d series, %d patches, server on port %d, fake GitHub at %s%n", SERIES,
          w.patches(), w.server.port(), w.github.uri());
      CiConfig config = CiConfigFiles.load(w.config(), null, System::getenv);
      SimpleMeterRegistry registry = new SimpleMeterRegistry();
      CiMetrics metrics = new CiMetrics(registry);
      CiBridge bridge = new CiBridge(config, metrics, Clock.systemUTC(), CiBridge.Options.DEFAULT);
      w.takeServerLog();
      boolean ok = true;

      Pass first = pass("first", bridge, metrics, registry, w);
      figures.add("ci.first.requests", first.requests(), "requests");
      figures.add("ci.first.ms", first.ms(), "ms");
      ok &= expect(first.report().errors() == 0 && first.report().conflicts() == 0
          && first.report().applied() == SERIES, "the first pass should apply all " + SERIES + " series without "
          + "errors: " + describe(first.report()));

      int completed = completeRuns(w);
      System.err.printf("bench: ci: completed %d workflow runs on the fake GitHub%n", completed);
      ok &= expect(completed == SERIES, "expected one workflow run per series, completed " + completed);

      Pass busy = pass("busy", bridge, metrics, registry, w);
      figures.add("ci.busy.requests", busy.requests(), "requests");
      figures.add("ci.busy.ms", busy.ms(), "ms");
      figures.add("ci.busy.checks", busy.report().checks(), "checks");
      ok &= expect(busy.report().errors() == 0 && busy.report().checks() > 0,
          "the busy pass should post checks without errors: " + describe(busy.report()));

      // The busy pass read the patch listing before it posted its checks, and the listing shows
      // each patch's combined check: the next pass finds the listing changed (200s, not 304s)
      // though nothing happened since. Only the pass after that is idle.
      Pass settle = pass("after-busy", bridge, metrics, registry, w);
      figures.add("ci.after_busy.requests", settle.requests(), "requests");
      ok &= expect(settle.report().errors() == 0 && settle.report().checks() == 0,
          "the pass after the busy one should post nothing and fail nowhere: " + describe(settle.report()));
      list("after-busy", settle);

      Pass idle = pass("idle", bridge, metrics, registry, w);
      figures.add("ci.idle.requests", idle.requests(), "requests");
      figures.add("ci.idle.ms", idle.ms(), "ms");
      figures.add("ci.open_series", idle.report().plan().tests().size(), "series");
      ok &= expect(idle.report().errors() == 0 && idle.report().checks() == 0,
          "the idle pass should post nothing and fail nowhere: " + describe(idle.report()));
      list("idle", idle);
      if (idle.requests() > IDLE_TARGET) {
        System.err.printf("bench: ci: note: the idle pass made %d requests, above the target of %d%n",
            idle.requests(), IDLE_TARGET);
      }
      Path state = Path.of(config.baseDirectory(), "ci-state.json");
      if (Files.exists(state)) {
        // written whole after every series of every pass, idle ones included
        System.err.printf(Locale.ROOT, "bench: ci: the bridge's state file is %.0f KiB%n", Files.size(state) / 1024.0);
      }
      bridge.close();
      return ok;
    } finally {
      Dirs.deleteTree(work);
    }
  }

  private static Pass pass(String name, CiBridge bridge, CiMetrics metrics, SimpleMeterRegistry registry, CiWorld w)
      throws Exception {
    int githubBefore = w.github.requests().size();
    Map<String, Long> before = answers(registry);
    long t0 = System.nanoTime();
    CiCycle.Report r = bridge.pass(false);
    double ms = (System.nanoTime() - t0) / 1e6;
    long requests = metrics.cycleRequests();
    List<RecordedRequest> all = w.github.requests();
    Map<String, Long> by = answers(registry);
    before.forEach((k, v) -> by.merge(k, -v, Long::sum));
    by.values().removeIf(v -> v == 0);
    Pass p = new Pass(r, requests, ms, all.subList(githubBefore, all.size()), w.takeServerLog(), by);
    System.err.printf(Locale.ROOT, "bench: ci: %s pass: %d requests (%d to GitHub, %d to Patchwork; by answer %s) "
        + "in %.0f ms: %s%n", name, requests, p.github().size(), p.patchwork().size(), by, ms, describe(r));
    return p;
  }

  /** The bridge's request counters so far, "target status[ cached]" → count. */
  private static Map<String, Long> answers(SimpleMeterRegistry registry) {
    Map<String, Long> out = new TreeMap<>();
    for (Counter c : registry.find("patchflow.ci.requests").counters()) {
      String key = c.getId().getTag("target") + " " + c.getId().getTag("code")
          + ("true".equals(c.getId().getTag("cached")) ? " cached" : "");
      out.merge(key, (long) c.count(), Long::sum);
    }
    return out;
  }

  /** Each request of a pass on stderr: GitHub's as the fake recorded them, Patchwork's as the server answered them. */
  private static void list(String name, Pass p) {
    for (RecordedRequest r : p.github()) {
      System.err.printf("bench: ci: %s: github %s %s%s%s%n", name, r.method(), r.path(),
          r.query() == null ? "" : "?" + r.query(), r.header("If-None-Match") != null ? " (conditional)" : "");
    }
    for (String r : p.patchwork()) {
      System.err.println("bench: ci: " + name + ": patchwork " + r);
    }
  }

  /**
   * What GitHub does when the workflows finish: runs start for every open pull request's head,
   * and each completes (one series in ten fails, the rest pass). Returns the runs completed.
   */
  private static int completeRuns(CiWorld w) {
    w.github.actions.syncWorkflows();
    int completed = 0;
    int i = 0;
    for (String head : w.github.repo(CiWorld.REPO).branches("series/").values()) {
      for (FakeActions.Run run : w.github.actions.runsFor(head)) {
        w.github.actions.completeRun(run.id(), i % 10 == 9 ? "failure" : "success");
        completed++;
      }
      i++;
    }
    return completed;
  }

  private static String describe(CiCycle.Report r) {
    return String.format(Locale.ROOT, "%d series to test, %d applied, %d conflicts, %d closed, %d checks, %d errors",
        r.plan().tests().size(), r.applied(), r.conflicts(), r.closed(), r.checks(), r.errors());
  }

  private static boolean expect(boolean ok, String what) {
    if (!ok) {
      System.err.println("bench: FAILED: ci: " + what);
    }
    return ok;
  }
}
