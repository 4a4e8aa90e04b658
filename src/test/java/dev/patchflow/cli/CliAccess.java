package dev.patchflow.cli;

import java.io.PrintWriter;

/** The CLI's entry point for tests in other packages (which drive a command as a user types it). */
public final class CliAccess {
  private CliAccess() {}

  public static int run(PrintWriter out, PrintWriter err, String... args) {
    return Main.run(out, err, args);
  }
}
