package dev.patchflow.cli;

import dev.patchflow.api.ApiServer;
import dev.patchflow.api.v1.NativeApi;
import dev.patchflow.config.Config;
import dev.patchflow.gittree.Applier;
import dev.patchflow.tester.JobReports;
import dev.patchflow.tester.TesterApi;
import dev.patchflow.web.WebUi;
import dev.patchflow.store.Database;
import dev.patchflow.users.Users;
import java.time.Clock;

/** The route modules `serve` mounts beside the Patchwork API. */
final class Modules {
  private Modules() {}

  /** The applier over the projects that have a git tree; its work trees live under HOME/git. */
  static Applier applier(Database db, Config config, java.nio.file.Path home, Clock clock) {
    String worker;
    try {
      worker = java.net.InetAddress.getLocalHost().getHostName() + ":" + home.toAbsolutePath();
    } catch (java.net.UnknownHostException e) {
      worker = "localhost:" + home.toAbsolutePath();
    }
    return new Applier(db, config.projects(), home.resolve("git"), config.applier(), worker, clock);
  }

  /**
   * @param ended told of every test job that ends (the failure mail)
   * @param home where backport logs are when the config does not say (the web UI shows them)
   */
  static ApiServer.Module[] all(Database db, Users users, Config config, java.nio.file.Path home, Clock clock,
      JobReports.Listener ended) {
    java.nio.file.Path backportLogs = config.backport() == null ? null : BackportRuns.logDir(config.backport(), home);
    return new ApiServer.Module[] {new NativeApi(db, config, clock), new TesterApi(db, config.projects(),
        dev.patchflow.tester.LeasePolicy.DEFAULT, TesterApi.LOG_CAP, clock, ended),
        new WebUi(db, users, clock, backportLogs)};
  }
}
