package dev.patchflow.cli;

import dev.patchflow.config.ConfigException;
import dev.patchflow.store.StoreException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

@Command(name = "patchflow", mixinStandardHelpOptions = true, version = "patchflow 0.1",
    description = "Tracks Linux-kernel-style patches from mailing-list mail to tested series.",
    subcommands = {ServeCommand.class, ImportCommand.class, ImporterCommand.class, ApplyCommand.class, SeriesCommand.class,
        TesterCommand.class, CiCommand.class, BackportCommand.class,
        AdminCommand.class,
        CommandLine.HelpCommand.class})
public final class Main {
  public static void main(String[] args) {
    System.exit(run(args));
  }

  static int run(String... args) {
    return run(new java.io.PrintWriter(System.out, true), new java.io.PrintWriter(System.err, true), args);
  }

  static int run(java.io.PrintWriter out, java.io.PrintWriter err, String... args) {
    CommandLine cli = new CommandLine(new Main());
    cli.setOut(out);
    cli.setErr(err);
    cli.setExecutionExceptionHandler((e, cmd, parsed) -> {
      if (e instanceof UserError || e instanceof ConfigException || e instanceof StoreException
          || e instanceof java.io.IOException) {
        cmd.getErr().println("patchflow: " + e.getMessage());
        return 2;
      }
      throw e;
    });
    return cli.execute(args);
  }
}
