package dev.patchflow.cli;

import dev.patchflow.api.ApiServer;
import dev.patchflow.api.Urls;
import dev.patchflow.config.Config;
import dev.patchflow.gittree.Applier;
import dev.patchflow.gittree.ApplierLoop;
import dev.patchflow.gittree.MergeDetector;
import dev.patchflow.intake.imap.ImapIntake;
import dev.patchflow.intake.publicinbox.PublicInboxPoller;
import dev.patchflow.notify.FailureNotifier;
import dev.patchflow.tester.JobReports;
import dev.patchflow.tester.JobSync;
import dev.patchflow.tester.JobSyncLoop;
import dev.patchflow.store.Database;
import dev.patchflow.store.MessageRepository;
import dev.patchflow.users.Users;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "serve", mixinStandardHelpOptions = true,
    description = {"Serve the web UI, the Patchwork-compatible API (/api/1.x) and the native API (/api/v1).",
        "On an empty embedded store it first imports a small demo project (unless --no-demo)."})
final class ServeCommand implements Callable<Integer> {
  @Mixin Environment env;
  @Spec CommandSpec spec;

  @Option(names = "--host", paramLabel = "HOST", description = "Address to listen on (default: server.host or 127.0.0.1).")
  String host;

  @Option(names = "--port", paramLabel = "PORT", description = "Port to listen on (default: server.port or 8080; 0 picks one).")
  Integer port;

  @Option(names = "--no-demo", description = "Start empty: do not import the demo project.")
  boolean noDemo;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    Config config = env.config();
    Database db = env.open();
    Clock clock = Clock.systemUTC();
    Users users = new Users(db, clock);
    boolean empty = db.jdbi().withHandle(new MessageRepository()::count) == 0;
    if (!noDemo && config.database().url() == null && empty) {
      Demo.install(db, users, clock, out);
    }
    Urls.configure(config.server().baseUrl());
    JobReports.Listener notifier = FailureNotifier.of(db, config.notifications(), config.projects());
    CiInServe ci = new CiInServe(config.ci());
    ApiServer.Module[] modules = java.util.stream.Stream.concat(
        java.util.Arrays.stream(Modules.all(db, users, config, env.home(), clock, notifier)), java.util.stream.Stream.of(ci.webhook()))
        .toArray(ApiServer.Module[]::new);
    ApiServer server = new ApiServer(db, users, clock, config.server().cacheBytes(), modules);
    server.start(host != null ? host : config.server().hostOrDefault(),
        port != null ? port : config.server().portOrDefault());
    out.printf("Patchflow is serving http://%s:%d/ (Ctrl-C stops it)%n",
        host != null ? host : config.server().hostOrDefault(), server.port());
    // IMAP sources of the config import in the background, straight into the store
    ImapIntake imap = ImapIntake.intoStore(config, db, clock);
    imap.start();
    out.flush();
    PublicInboxPoller mirrors = new PublicInboxPoller(db, PublicInboxPoller.mirrors(config, env.home()),
        config.intake().batch(), clock);
    mirrors.start();
    // test jobs for applied series (and moved bases): at once, on a timer, and when the applier says
    JobSyncLoop testJobs = new JobSyncLoop(new JobSync(db, config.projects(), clock), JobSyncLoop.EVERY);
    Applier applier = Modules.applier(db, config, env.home(), clock);
    ApplierLoop applying = !applier.enabled() ? null : new ApplierLoop(applier,
        new MergeDetector(db, clock, config.applier().mergeScanDepthOrDefault()),
        Duration.ofSeconds(config.applier().pollOrDefault()), Duration.ofMinutes(config.applier().mergeScanMinutesOrDefault()),
        testJobs::nudge);
    // the CI bridge of the config's ci: section, if any, beside the server
    ci.start(server, db, clock);
    // the backport schedule and watched folder of the config's backport: section, when asked for
    BackportInServe backport = new BackportInServe(config.backport(), env.home(), clock);
    backport.start();
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      // the background work first, before the store closes under it
      ci.close();
      backport.close();
      imap.close();
      mirrors.close();
      if (applying != null) {
        applying.close();
      }
      testJobs.close();
      server.close(); // lets requests in flight finish
      if (notifier instanceof FailureNotifier n) {
        n.close(); // after the server: the last reports may still queue mail
      }
      db.close();
      stopped.countDown();
    }, "patchflow-shutdown"));
    stopped.await();
    return 0;
  }
}
