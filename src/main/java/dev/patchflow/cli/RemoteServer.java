package dev.patchflow.cli;

import picocli.CommandLine.Option;

/**
 * The server a role on another host talks to (importer, tester): its URL and an API token, the
 * token from the command line or, so that it shows neither in `ps` nor in a unit file,
 * from $PATCHFLOW_TOKEN.
 */
final class RemoteServer {
  @Option(names = "--server", required = true, paramLabel = "URL", description = "The server, e.g. https://patches.example.org")
  String url;

  @Option(names = "--token", paramLabel = "TOKEN",
      description = "An API token of a user with this command's role (default: $PATCHFLOW_TOKEN).")
  String token;

  /** The server's URL, checked. */
  String url() {
    if (!url.matches("https?://.+")) {
      throw new UserError("--server must be an http:// or https:// URL, got '" + url + "'");
    }
    return url;
  }

  /** The token, from --token or the environment. */
  String token() {
    String t = token != null ? token : System.getenv("PATCHFLOW_TOKEN");
    if (t == null || t.isBlank()) {
      throw new UserError("give --token or set PATCHFLOW_TOKEN");
    }
    return t;
  }
}
