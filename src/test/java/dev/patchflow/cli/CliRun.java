package dev.patchflow.cli;

import java.io.PrintWriter;
import java.io.StringWriter;

/** One command line as a user types it, run in this JVM: its exit status and what it printed. */
record CliRun(int code, String out, String err) {
  static CliRun of(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Main.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
    return new CliRun(code, out.toString(), err.toString());
  }
}
