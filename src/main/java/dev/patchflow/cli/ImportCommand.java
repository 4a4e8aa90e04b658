package dev.patchflow.cli;

import dev.patchflow.config.Config;
import dev.patchflow.intake.ImportProgress;
import dev.patchflow.intake.ImportSummary;
import dev.patchflow.intake.Importer;
import dev.patchflow.intake.MailSources;
import dev.patchflow.intake.ProjectRouter;
import dev.patchflow.intake.publicinbox.PublicInboxSources;
import dev.patchflow.store.Database;
import dev.patchflow.store.QuarantineRepository;
import dev.patchflow.store.QuarantinedMail;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "import", mixinStandardHelpOptions = true,
    description = {"Import mail from mbox files (also .gz), maildirs, single .eml files or directories of them,",
        "or (--public-inbox) from public-inbox v2 archives such as lore mirrors.",
        "Importing the same mail twice stores nothing new; mail that cannot be parsed is quarantined."})
final class ImportCommand implements Callable<Integer> {
  @Mixin Environment env;
  @Spec CommandSpec spec;

  @Parameters(paramLabel = "PATH", arity = "0..*", description = "mbox, .mbox.gz, maildir, .eml, or a directory.")
  List<Path> paths = List.of();

  @Option(names = "--quarantine", description = "List the quarantined mail (with the reason) instead of importing.")
  boolean listQuarantine;

  @Option(names = "--quarantined", paramLabel = "ID", description = "Print the raw bytes of one quarantined mail.")
  Long showQuarantined;

  @Option(names = "--public-inbox", description = {"The PATHs are public-inbox v2 archives: an inbox (holding git/N.git),",
      "one epoch N.git, or a directory of inboxes. Each epoch continues after the last commit imported."})
  boolean publicInbox;

  @Option(names = "--no-progress", description = "No progress bar, even on a terminal.")
  boolean noProgress;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    try (Database db = env.open()) {
      QuarantineRepository quarantine = new QuarantineRepository();
      if (showQuarantined != null) {
        byte[] raw = db.jdbi().withHandle(h -> quarantine.raw(h, showQuarantined))
            .orElseThrow(() -> new UserError("no quarantined mail with id " + showQuarantined));
        out.flush();
        System.out.write(raw);
        System.out.flush();
        return 0;
      }
      if (listQuarantine) {
        List<QuarantinedMail> all = db.jdbi().withHandle(quarantine::list);
        for (QuarantinedMail q : all) {
          out.printf("%d\t%s\t%d bytes\t%s%n", q.id(), q.origin(), q.size(), q.reason());
        }
        out.printf("%d quarantined%n", all.size());
        return 0;
      }
      if (paths.isEmpty()) {
        throw new UserError("give at least one PATH to import (or --quarantine)");
      }
      Config config = env.config();
      Importer importer = new Importer(db, new ProjectRouter(config.projects(), config.intake().unmatchedOrDefault()),
          config.intake().batch(), Clock.systemUTC());
      ImportSummary summary;
      try (ImportProgress progress = !noProgress && System.console() != null ? new ConsoleProgress() : new LogProgress()) {
        summary = importer.importAll(publicInbox ? PublicInboxSources.open(db, paths, Clock.systemUTC())
            : MailSources.open(paths), progress);
      }
      out.println(summary.describe());
      return 0;
    }
  }
}
