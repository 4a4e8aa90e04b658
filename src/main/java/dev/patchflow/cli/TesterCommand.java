package dev.patchflow.cli;

import dev.patchflow.tester.Probes;
import dev.patchflow.tester.Runner;
import dev.patchflow.tester.TesterClient;
import dev.patchflow.tester.Workspace;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "tester", mixinStandardHelpOptions = true,
    description = {"Run the tests of applied series: claim a job from the server, check out the series' tag, run the "
        + "test's script with its timeout, stream the log and report; again and again."})
final class TesterCommand implements Callable<Integer> {
  @Mixin Environment env;
  @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

  @Mixin RemoteServer remote;

  @Option(names = "--project", paramLabel = "P", description = "Only jobs of this project (repeatable; default: any).")
  List<String> projects = new ArrayList<>();

  @Option(names = "--capability", paramLabel = "C",
      description = "What this host offers, matched against the tests' requirements (repeatable).")
  List<String> capabilities = new ArrayList<>();

  @Option(names = "--name", paramLabel = "NAME", description = "How the server calls this tester (default: the host name).")
  String name;

  @Option(names = "--work", paramLabel = "DIR", description = "Cache and work tree; one tester per directory "
      + "(default: HOME/tester).")
  Path work;

  @Option(names = "--once", description = "Claim once, run the job if there is one, and exit.")
  boolean once;

  @Option(names = "--no-probes", description = "Do not run the server's capability probes; only --capability counts.")
  boolean noProbes;

  @Option(names = "--idle-seconds", paramLabel = "N", description = "Pause when there is no job (default 60).")
  int idleSeconds = 60;

  @Override
  public Integer call() throws Exception {
    String t = remote.token();
    String server = remote.url();
    String me = name != null ? name : java.net.InetAddress.getLocalHost().getHostName();
    Path dir = work != null ? work : env.home().resolve("tester");
    try (Workspace ws = Workspace.open(dir)) {
      TesterClient client = new TesterClient(server, t, TesterClient.Backoff.DEFAULT);
      List<String> all = new ArrayList<>(capabilities);
      if (!noProbes) {
        // What this host has, by the server's own probes; --capability adds to it.
        Probes.passing(client.probes(projects), dir).stream().filter(c -> !all.contains(c)).forEach(all::add);
      }
      spec.commandLine().getOut().println("tester " + me + ": capabilities " + (all.isEmpty() ? "(none)" : String.join(" ", all)));
      spec.commandLine().getOut().flush();
      Runner runner = new Runner(client, ws, me, all, projects);
      if (once) {
        return runner.once() == Runner.Turn.DROPPED ? 1 : 0;
      }
      runner.loop(Duration.ofSeconds(idleSeconds));
    }
    return 0;
  }
}
