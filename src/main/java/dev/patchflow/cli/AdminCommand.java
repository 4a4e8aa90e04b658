package dev.patchflow.cli;

import dev.patchflow.store.Database;
import dev.patchflow.users.Role;
import dev.patchflow.users.Users;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "admin", mixinStandardHelpOptions = true, description = "Administration: users, tokens, roles.",
    subcommands = {AdminCommand.UserCommand.class})
final class AdminCommand {

  @Command(name = "user", mixinStandardHelpOptions = true, description = "Manage users.",
      subcommands = {UserCommand.Add.class, UserCommand.Token.class, UserCommand.Grant.class, UserCommand.Password.class})
  static final class UserCommand {

    /** The password comes from stdin so it stays out of shell history and process lists. */
    private static String readPassword() throws java.io.IOException {
      String line = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
      if (line == null || line.isEmpty()) {
        throw new UserError("no password on standard input");
      }
      return line;
    }

    @Command(name = "add", mixinStandardHelpOptions = true, description = "Add a user.")
    static final class Add implements Callable<Integer> {
      @Mixin Environment env;
      @Spec CommandSpec spec;
      @Parameters(paramLabel = "USERNAME") String username;
      @Option(names = "--email", required = true, paramLabel = "EMAIL") String email;
      @Option(names = "--password-stdin", description = "Read a password from standard input (else token-only).")
      boolean passwordStdin;

      @Override
      public Integer call() throws Exception {
        try (Database db = env.open()) {
          new Users(db, Clock.systemUTC()).add(username, email, passwordStdin ? readPassword() : null);
          spec.commandLine().getOut().println("added user " + username);
          return 0;
        } catch (IllegalArgumentException e) {
          throw new UserError(e.getMessage());
        }
      }
    }

    @Command(name = "token", mixinStandardHelpOptions = true,
        description = "Create an API token for a user and print it (it is shown only this once).")
    static final class Token implements Callable<Integer> {
      @Mixin Environment env;
      @Spec CommandSpec spec;
      @Parameters(paramLabel = "USERNAME") String username;

      @Override
      public Integer call() throws Exception {
        try (Database db = env.open()) {
          spec.commandLine().getOut().println(new Users(db, Clock.systemUTC()).newToken(username));
          return 0;
        } catch (IllegalArgumentException e) {
          throw new UserError(e.getMessage());
        }
      }
    }

    @Command(name = "grant", mixinStandardHelpOptions = true,
        description = "Give a user a role: admin, maintainer (per --project), importer or tester.")
    static final class Grant implements Callable<Integer> {
      @Mixin Environment env;
      @Spec CommandSpec spec;
      @Parameters(index = "0", paramLabel = "USERNAME") String username;
      @Parameters(index = "1", paramLabel = "ROLE") String role;
      @Option(names = "--project", paramLabel = "PROJECT") String project;

      @Override
      public Integer call() throws Exception {
        try (Database db = env.open()) {
          new Users(db, Clock.systemUTC()).grant(username, Role.of(role), project);
          spec.commandLine().getOut().println("granted " + role + " to " + username + (project == null ? "" : " on " + project));
          return 0;
        } catch (IllegalArgumentException e) {
          throw new UserError(e.getMessage());
        }
      }
    }

    @Command(name = "password", mixinStandardHelpOptions = true, description = "Set a user's password from standard input.")
    static final class Password implements Callable<Integer> {
      @Mixin Environment env;
      @Spec CommandSpec spec;
      @Parameters(paramLabel = "USERNAME") String username;

      @Override
      public Integer call() throws Exception {
        try (Database db = env.open()) {
          new Users(db, Clock.systemUTC()).setPassword(username, readPassword());
          spec.commandLine().getOut().println("password set for " + username);
          return 0;
        } catch (IllegalArgumentException e) {
          throw new UserError(e.getMessage());
        }
      }
    }
  }
}
