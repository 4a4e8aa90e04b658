package dev.patchflow.cli;

import dev.patchflow.intake.ImportProgress;
import dev.patchflow.intake.Importer;
import dev.patchflow.intake.MailSource;
import dev.patchflow.intake.ProjectRouter;
import dev.patchflow.config.IntakeConfig;
import dev.patchflow.intake.MboxReader;
import dev.patchflow.store.Database;
import dev.patchflow.users.Role;
import dev.patchflow.users.Users;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.HexFormat;
import java.util.List;

/**
 * The demo a new user sees on first `serve`: the bundled list traffic of a small "widgets"
 * project, and a maintainer account whose password is printed once.
 */
final class Demo {
  static final String PROJECT = "widgets.lists.example.org";

  private Demo() {}

  static void install(Database db, Users users, Clock clock, PrintWriter out) throws IOException {
    Path tmp = Files.createTempFile("patchflow-demo", ".mbox");
    try {
      try (InputStream in = Demo.class.getResourceAsStream("/demo/demo.mbox")) {
        if (in == null) {
          throw new IOException("the demo mail is missing from the jar");
        }
        Files.write(tmp, in.readAllBytes());
      }
      Importer importer = new Importer(db, new ProjectRouter(List.of(), IntakeConfig.Unmatched.AUTO), 500, clock);
      List<MailSource> sources = List.of(new MboxReader(tmp));
      importer.importAll(sources, ImportProgress.NONE);
    } finally {
      Files.deleteIfExists(tmp);
    }
    byte[] secret = new byte[9];
    new SecureRandom().nextBytes(secret);
    String password = HexFormat.of().formatHex(secret);
    users.add("demo", "demo@example.org", password);
    users.grant("demo", Role.MAINTAINER, PROJECT);
    out.printf("Imported the demo project %s. Log in as demo / %s to try maintainer actions.%n", PROJECT, password);
  }
}
