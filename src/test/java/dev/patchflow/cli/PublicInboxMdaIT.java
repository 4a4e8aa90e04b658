package dev.patchflow.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.patchflow.intake.RawMail;
import dev.patchflow.testing.Corpus;
import dev.patchflow.testing.Tools;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An inbox made by public-inbox itself ({@code public-inbox-init -V2}, mail delivered by
 * {@code public-inbox-mda}), imported with {@code patchflow import --public-inbox}.
 */
class PublicInboxMdaIT {
  private static final String LIST = "widgets@lists.example.org";

  @TempDir Path tmp;

  @Test
  void importsAnInboxPublicInboxWroteAndThenOnlyItsNewMail() throws Exception {
    Path init = Tools.require("public-inbox-init");
    Path mda = Tools.require("public-inbox-mda");
    Path inbox = tmp.resolve("inbox");
    Path home = tmp.resolve("home");
    exec(List.of(init.toString(), "-V2", "widgets", inbox.toString(), "http://example.org/widgets", LIST), new byte[0]);
    exec(List.of("git", "config", "--file", tmp.resolve("pi-config").toString(), "publicinboxmda.spamcheck", "none"),
        new byte[0]);
    List<RawMail> demo = Corpus.raw(Path.of("demo/demo.mbox"));
    for (RawMail m : demo.subList(0, 10)) {
      exec(List.of(mda.toString(), "--no-precheck"), m.bytes());
    }

    String first = patchflow(home, "import", "--no-progress", "--public-inbox", inbox.toString());
    assertThat(first).contains("read 10, new 10, duplicates 0, quarantined 0; series created 2");
    assertThat(patchflow(home, "import", "--no-progress", "--public-inbox", inbox.toString()))
        .contains("read 0, new 0, duplicates 0");

    exec(List.of(mda.toString(), "--no-precheck"), demo.get(10).bytes());
    String third = patchflow(home, "import", "--no-progress", "--public-inbox", tmp.toString()); // a directory of inboxes
    assertThat(third).contains("read 1, new 1, duplicates 0, quarantined 0; series created 1");
    assertThat(patchflow(home, "series", "list").lines()).hasSize(3);
  }

  private String patchflow(Path home, String... args) {
    List<String> all = new ArrayList<>(List.of(args));
    all.addAll(List.of("--home", home.toString()));
    CliRun r = CliRun.of(all.toArray(String[]::new));
    assertThat(r.code()).as(r.err()).isZero();
    return r.out();
  }

  /** Runs a public-inbox tool with its config, home and emergency maildir kept in the test's directory. */
  private void exec(List<String> cmd, byte[] stdin) throws IOException, InterruptedException {
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
    pb.environment().putAll(Map.of("HOME", tmp.toString(), "PI_CONFIG", tmp.resolve("pi-config").toString(),
        "PI_EMERGENCY", tmp.resolve("emergency").toString(), "ORIGINAL_RECIPIENT", LIST));
    Process p = pb.start();
    p.getOutputStream().write(stdin);
    p.getOutputStream().close();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(cmd + ": " + out).isZero();
  }
}
