package dev.patchflow.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import dev.patchflow.api.v1.NativeApi;
import dev.patchflow.config.Config;
import dev.patchflow.store.Database;
import dev.patchflow.testing.PackagedJar;
import dev.patchflow.testing.TestDatabases;
import dev.patchflow.testing.TestServer;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real `patchflow importer` process, SIGKILLed while it moves mail from a real IMAP server to
 * a real Patchflow server (after-action delete), twice, then run to the end: whenever it dies,
 * every mail gone from the IMAP server is already in the store, and in the end every mail is
 * stored once and none is left behind.
 */
class ImporterKillIT {
  private static final int MAILS = 120;
  @TempDir Path tmp;

  @Test
  void killedAnywhereItLosesNothing() throws Exception {
    GreenMail imap = new GreenMail(new ServerSetup[] {new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_IMAP)});
    imap.start();
    Database db = TestDatabases.open("h2", tmp);
    try (TestServer server = new TestServer(db, new NativeApi(db, Config.DEFAULT, Clock.systemUTC()))) {
      var user = imap.setUser("lists@example.org", "lists", "imap-pw");
      Session session = Session.getInstance(new Properties());
      Set<String> all = new HashSet<>();
      for (int i = 0; i < MAILS; i++) {
        String id = "kill-" + i + "@example.org";
        all.add(id);
        user.deliver(new MimeMessage(session, new ByteArrayInputStream(mail(i, id).getBytes(StandardCharsets.UTF_8))));
      }
      int port = imap.getImap().getPort();
      Path config = Files.writeString(tmp.resolve("importer.yaml"), "intake:\n  imap:\n    - host: 127.0.0.1\n"
          + "      port: " + port + "\n      security: none\n      user: lists\n      password: imap-pw\n"
          + "      after: delete\n");
      Path home = Files.createDirectories(tmp.resolve("home"));

      for (int atLeast : List.of(30, 70)) {
        Process p = start(home, config, server);
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (stored(db, all).size() < atLeast && p.isAlive() && System.nanoTime() < deadline) {
          Thread.sleep(5);
        }
        assertThat(p.isAlive()).as("the importer was still at work when killed").isTrue();
        p.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        Set<String> left = inbox(port);
        Set<String> stored = stored(db, all);
        for (String id : all) {
          assertThat(left.contains(id) || stored.contains(id)).as("%s neither on the IMAP server nor stored", id).isTrue();
        }
        assertThat(left.size()).as("killed mid-way: mail is still waiting").isPositive();
      }

      Process last = start(home, config, server);
      assertThat(last.waitFor(120, TimeUnit.SECONDS)).isTrue();
      String out = new String(last.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertThat(last.exitValue()).as(out).isZero();
      assertThat(inbox(port)).isEmpty();
      assertThat(stored(db, all)).hasSize(MAILS);
      long rows = db.jdbi().withHandle(h -> h.createQuery("SELECT COUNT(*) FROM message WHERE msgid LIKE 'kill-%'")
          .mapTo(Long.class).one());
      assertThat(rows).isEqualTo(MAILS);
    } finally {
      imap.stop();
    }
  }

  private static String mail(int i, String id) {
    return "From: Dev <dev@example.org>\nTo: widgets@lists.example.org\nSubject: [PATCH] widgets: fix " + i
        + "\nMessage-ID: <" + id + ">\nDate: Mon, 5 Jan 2026 10:00:00 +0000\n\nFix " + i + ".\n\n---\n"
        + "diff --git a/f" + i + " b/f" + i + "\n--- a/f" + i + "\n+++ b/f" + i + "\n@@ -0,0 +1 @@\n+x\n";
  }

  private Process start(Path home, Path config, TestServer server) throws Exception {
    ProcessBuilder pb = PackagedJar.command("importer", "--home", home.toString(), "--config", config.toString(),
        "--server", server.url(""), "--once").redirectErrorStream(true).redirectOutput(tmp.resolve("importer.log").toFile());
    pb.environment().put("PATCHFLOW_TOKEN", server.importerToken);
    return pb.start();
  }

  private static Set<String> stored(Database db, Set<String> all) {
    return new HashSet<>(db.jdbi().withHandle(h -> h.createQuery("SELECT msgid FROM message WHERE msgid LIKE 'kill-%'")
        .mapTo(String.class).list()));
  }

  private static Set<String> inbox(int port) throws Exception {
    Set<String> ids = new HashSet<>();
    try (Store s = Session.getInstance(new Properties()).getStore("imap")) {
      s.connect("127.0.0.1", port, "lists", "imap-pw");
      Folder f = s.getFolder("INBOX");
      f.open(Folder.READ_ONLY);
      for (Message m : f.getMessages()) {
        String[] h = m.getHeader("Message-ID");
        if (h != null && !m.isExpunged()) {
          ids.add(h[0].replaceAll("[<>]", "").strip());
        }
      }
      f.close(false);
    }
    return ids;
  }
}
