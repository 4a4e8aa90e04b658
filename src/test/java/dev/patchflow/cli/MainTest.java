package dev.patchflow.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import picocli.CommandLine;
import org.junit.jupiter.api.Test;

/** Main builds only the command asked for; what it prints must be what the whole tree prints. */
class MainTest {
  /** The command line as it was built before: every command, then the same settings. */
  private static CliRun whole(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cli = new CommandLine(new Main());
    Main.COMMANDS.forEach(cli::addSubcommand);
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    int code = cli.execute(args);
    return new CliRun(code, out.toString(), err.toString());
  }

  @Test
  void helpAndErrorsAreThoseOfTheWholeTree() {
    String[][] cases = {{"--help"}, {}, {"--version"}, {"help"}, {"help", "backport"}, {"backport", "--help"},
        {"backport", "scan", "--help"}, {"bakport"}, {"backport", "--no-such-option"}, {"serve", "--help"}};
    for (String[] args : cases) {
      CliRun a = CliRun.of(args);
      CliRun b = whole(args);
      assertThat(a).as(String.join(" ", args)).isEqualTo(b);
    }
    assertThat(CliRun.of("--help").out()).contains("backport").contains("serve").contains("admin");
    assertThat(CliRun.of("bakport").err()).contains("backport");
  }

  /** picocli formats descriptions: a bare % (%prep, %changelog) is a broken format it warns about on stderr. */
  @Test
  void everyUsageFormatsCleanly() {
    java.io.PrintStream saved = System.err;
    java.io.ByteArrayOutputStream captured = new java.io.ByteArrayOutputStream();
    StringBuilder usage = new StringBuilder();
    System.setErr(new java.io.PrintStream(captured, true, java.nio.charset.StandardCharsets.UTF_8));
    try {
      CommandLine cli = new CommandLine(new Main());
      Main.COMMANDS.forEach(cli::addSubcommand);
      java.util.Deque<CommandLine> todo = new java.util.ArrayDeque<>(java.util.List.of(cli));
      while (!todo.isEmpty()) {
        CommandLine c = todo.pop();
        usage.append(c.getUsageMessage());
        todo.addAll(c.getSubcommands().values());
      }
    } finally {
      System.setErr(saved);
    }
    assertThat(captured.toString(java.nio.charset.StandardCharsets.UTF_8)).doesNotContain("Could not format");
    assertThat(usage).contains("each patch %prep applies").contains("%autopatch raised").doesNotContain("%%");
  }

  @Test
  void onlyTheNamedCommandIsBuilt() {
    assertThat(Main.asked("backport")).isEqualTo(BackportCommand.class);
    assertThat(Main.asked("help")).isNull();
    assertThat(Main.asked("--help")).isNull();
    assertThat(Main.asked("nope")).isNull();
  }
}
