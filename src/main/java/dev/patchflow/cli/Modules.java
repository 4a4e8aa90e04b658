package dev.patchflow.cli;

import dev.patchflow.api.ApiServer;
import dev.patchflow.store.Database;
import dev.patchflow.users.Users;
import java.time.Clock;

/** The route modules `serve` mounts beside the Patchwork API. */
final class Modules {
  private Modules() {}

  static ApiServer.Module[] all(Database db, Users users, Clock clock) {
    return new ApiServer.Module[0];
  }
}
