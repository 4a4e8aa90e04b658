package dev.patchflow.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import picocli.CommandLine;
import org.junit.jupiter.api.Test;

/** Main builds only the command asked for; what it prints must be what the whole tree prints. */
class MainTest {
  private record Result(int code, String out, String err) {}

  private static Result lazy(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Main.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
    return new Result(code, out.toString(), err.toString());
  }

  /** The command line as it was built before: every command, then the same settings. */
  private static Result whole(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cli = new CommandLine(new Main());
    Main.COMMANDS.forEach(cli::addSubcommand);
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    int code = cli.execute(args);
    return new Result(code, out.toString(), err.toString());
  }

  @Test
  void helpAndErrorsAreThoseOfTheWholeTree() {
    String[][] cases = {{"--help"}, {}, {"--version"}, {"help"}, {"help", "backport"}, {"backport", "--help"},
        {"backport", "scan", "--help"}, {"bakport"}, {"backport", "--no-such-option"}, {"serve", "--help"}};
    for (String[] args : cases) {
      Result a = lazy(args);
      Result b = whole(args);
      assertThat(a).as(String.join(" ", args)).isEqualTo(b);
    }
    assertThat(lazy("--help").out()).contains("backport").contains("serve").contains("admin");
    assertThat(lazy("bakport").err()).contains("backport");
  }

  @Test
  void onlyTheNamedCommandIsBuilt() {
    assertThat(Main.asked("backport")).isEqualTo(BackportCommand.class);
    assertThat(Main.asked("help")).isNull();
    assertThat(Main.asked("--help")).isNull();
    assertThat(Main.asked("nope")).isNull();
  }
}
