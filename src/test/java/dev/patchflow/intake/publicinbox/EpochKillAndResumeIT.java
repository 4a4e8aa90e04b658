package dev.patchflow.intake.publicinbox;

import static org.assertj.core.api.Assertions.assertThat;

import dev.patchflow.config.DatabaseConfig;
import dev.patchflow.intake.RawMail;
import dev.patchflow.store.Database;
import dev.patchflow.store.MessageRepository;
import dev.patchflow.testing.PackagedJar;
import dev.patchflow.testing.StoreWatch;
import dev.patchflow.store.PublicInboxRepository;
import dev.patchflow.testing.Corpus;
import dev.patchflow.testing.ListTraffic;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SIGKILLs a real {@code patchflow import --public-inbox} half-way through a large epoch; the
 * second run must read exactly the commits after the one the first remembered, and in the end
 * every message is stored once.
 */
class EpochKillAndResumeIT {
  @TempDir Path tmp;

  @Test
  void killedImportResumesFromTheRememberedCommit() throws Exception {
    ListTraffic.Generated traffic = ListTraffic.generate(1500, 11);
    Path mbox = tmp.resolve("list.mbox");
    Files.writeString(mbox, traffic.mbox());
    List<RawMail> mails = Corpus.raw(mbox);
    Path epoch = tmp.resolve("list/git/0.git");
    fastImport(epoch, mails);
    Path home = Files.createDirectories(tmp.resolve("home"));
    Files.writeString(home.resolve("patchflow.yaml"), "intake:\n  batch_size: 25\n");

    long atKill;
    try (StoreWatch watch = StoreWatch.open(home, DatabaseConfig.EMBEDDED)) {
      Process first = start(home, tmp.resolve("list"));
      atKill = watch.waitForMessages(first, 200);
      first.destroyForcibly();
      assertThat(first.waitFor(30, TimeUnit.SECONDS)).isTrue();
    }
    assertThat(atKill).as("killed half-way").isLessThan(mails.size());

    String remembered;
    try (Database db = Database.open(DatabaseConfig.EMBEDDED, home)) {
      remembered = db.jdbi().withHandle(h -> new PublicInboxRepository().lastCommit(h, epoch.toRealPath().toString()))
          .orElseThrow(() -> new AssertionError("the killed run remembered no commit"));
    }
    long done = Long.parseLong(git(epoch, "rev-list", "--count", remembered));
    assertThat(done).as("commits the killed run finished").isPositive().isLessThan(mails.size());

    Process second = start(home, tmp.resolve("list"));
    String out = new String(second.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(second.waitFor(120, TimeUnit.SECONDS)).isTrue();
    assertThat(second.exitValue()).as(out).isZero();
    Matcher summary = Pattern.compile("read (\\d+), new").matcher(out);
    assertThat(summary.find()).as(out).isTrue();
    assertThat(Long.parseLong(summary.group(1))).as("read from the remembered commit on").isEqualTo(mails.size() - done);
    try (Database db = Database.open(DatabaseConfig.EMBEDDED, home)) {
      long messages = db.jdbi().withHandle(new MessageRepository()::count);
      long distinct = db.jdbi().withHandle(h -> h.createQuery("SELECT COUNT(DISTINCT msgid) FROM message").mapTo(Long.class).one());
      assertThat(messages).isEqualTo(traffic.messages());
      assertThat(distinct).isEqualTo(messages);
    }
  }

  /** One commit per message, written in one go by git fast-import. */
  private static void fastImport(Path repo, List<RawMail> mails) throws Exception {
    run(List.of("git", "init", "-q", "--bare", repo.toString()), new byte[0]);
    ByteArrayOutputStream in = new ByteArrayOutputStream();
    long t = 1_700_000_000L;
    for (RawMail m : mails) {
      in.writeBytes(("commit refs/heads/master\ncommitter a <a@example.org> " + (t++) + " +0000\ndata 2\nm\n"
          + "M 100644 inline m\ndata " + m.bytes().length + "\n").getBytes(StandardCharsets.US_ASCII));
      in.writeBytes(m.bytes());
      in.writeBytes("\n".getBytes(StandardCharsets.US_ASCII));
    }
    run(List.of("git", "--git-dir=" + repo, "fast-import", "--quiet"), in.toByteArray());
  }

  private static String git(Path repo, String... args) throws Exception {
    List<String> cmd = new java.util.ArrayList<>(List.of("git", "--git-dir=" + repo));
    cmd.addAll(List.of(args));
    Process p = new ProcessBuilder(cmd).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
    assertThat(p.waitFor()).as(String.join(" ", cmd)).isZero();
    return out;
  }

  private static void run(List<String> cmd, byte[] stdin) throws Exception {
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    p.getOutputStream().write(stdin);
    p.getOutputStream().close();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor()).as(cmd + ": " + out).isZero();
  }

  private static Process start(Path home, Path inbox) throws IOException {
    return PackagedJar.command("import", "--home", home.toString(), "--no-progress", "--public-inbox", inbox.toString())
        .redirectErrorStream(true).start();
  }
}
