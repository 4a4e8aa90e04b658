package dev.patchflow.cli;

import dev.patchflow.api.ApiServer;
import dev.patchflow.api.v1.NativeApi;
import dev.patchflow.config.Config;
import dev.patchflow.web.WebUi;
import dev.patchflow.store.Database;
import dev.patchflow.users.Users;
import java.time.Clock;

/** The route modules `serve` mounts beside the Patchwork API. */
final class Modules {
  private Modules() {}

  static ApiServer.Module[] all(Database db, Users users, Config config, Clock clock) {
    return new ApiServer.Module[] {new NativeApi(db, config, clock), new WebUi(db, users, clock)};
  }
}
