package dev.patchflow.cli;

import dev.patchflow.config.Config;
import dev.patchflow.config.Secret;
import dev.patchflow.intake.imap.ImapIntake;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "importer", mixinStandardHelpOptions = true,
    description = {"Import the config's IMAP sources (intake.imap) into a Patchflow server on another host,",
        "posting each mail to its native API; a mail is flagged, moved or deleted only after the server took it."})
final class ImporterCommand implements Callable<Integer> {
  @Mixin Environment env;
  @Spec CommandSpec spec;

  @Mixin RemoteServer remote;

  @Option(names = "--state", paramLabel = "FILE",
      description = "Where the imported UIDs are remembered (default: HOME/imap-uids.tsv).")
  Path state;

  @Option(names = "--once", description = "Read every folder once and exit, instead of waiting for new mail.")
  boolean once;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    String t = remote.token();
    String server = remote.url();
    Config config = env.config();
    Files.createDirectories(env.home());
    LogSetup.init(env.home().resolve("logs"));
    ImapIntake intake = ImapIntake.toServer(config, server, Secret.of(t),
        state != null ? state : env.home().resolve("imap-uids.tsv"));
    if (intake.isEmpty()) {
      throw new UserError("the config has no IMAP sources (intake.imap)");
    }
    if (once) {
      int n = intake.syncOnce();
      out.printf("imported %d mails%n", n);
      return 0;
    }
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      intake.close();
      stopped.countDown();
    }, "patchflow-importer-shutdown"));
    intake.start();
    out.println("Importing from IMAP into " + server + " (Ctrl-C stops it)");
    out.flush();
    stopped.await();
    return 0;
  }
}
