package dev.patchflow.cli;

import dev.patchflow.config.ConfigException;
import dev.patchflow.store.StoreException;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Command;

@Command(name = "patchflow", mixinStandardHelpOptions = true, version = "patchflow 0.1",
    description = "Tracks Linux-kernel-style patches from mailing-list mail to tested series.")
public final class Main {
  /** The subcommands, in the order help lists them. */
  static final List<Class<?>> COMMANDS = List.of(ServeCommand.class, ImportCommand.class, ImporterCommand.class,
      ApplyCommand.class, SeriesCommand.class, TesterCommand.class, CiCommand.class, BackportCommand.class,
      AdminCommand.class, CommandLine.HelpCommand.class);

  public static void main(String[] args) {
    System.exit(run(args));
  }

  static int run(String... args) {
    return run(new java.io.PrintWriter(System.out, true), new java.io.PrintWriter(System.err, true), args);
  }

  static int run(java.io.PrintWriter out, java.io.PrintWriter err, String... args) {
    CommandLine cli = new CommandLine(new Main());
    // Building a command's model (reflection over all its options and subcommands) is most of
    // picocli's share of start-up, so only the command asked for is built. Help, top-level
    // options, unknown names and no command at all get every command, as the usage lists them.
    Class<?> asked = args.length == 0 ? null : asked(args[0]);
    for (Class<?> c : asked != null ? List.of(asked) : COMMANDS) {
      cli.addSubcommand(c);
    }
    // after the subcommands: these settings reach only those already added
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

  /** The command this first argument names (not help, which needs them all), or null. */
  static Class<?> asked(String name) {
    for (Class<?> c : COMMANDS) {
      Command command = c.getAnnotation(Command.class);
      if (c != CommandLine.HelpCommand.class
          && (command.name().equals(name) || List.of(command.aliases()).contains(name))) {
        return c;
      }
    }
    return null;
  }
}
