package dev.patchflow.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import dev.patchflow.api.v1.NativeApi;
import dev.patchflow.config.Config;
import dev.patchflow.store.Database;
import dev.patchflow.store.MessageRepository;
import dev.patchflow.testing.TestDatabases;
import dev.patchflow.testing.TestServer;
import jakarta.mail.Folder;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `patchflow importer --server URL --token T` against a real server and a real IMAP server. */
class ImporterCommandTest {
  @TempDir Path tmp;

  private static final String MAIL = "From: Dev <dev@example.org>\nTo: widgets@lists.example.org\n"
      + "Subject: [PATCH] widgets: remote import\nMessage-ID: <remote-import-1@example.org>\n"
      + "Date: Mon, 5 Jan 2026 10:00:00 +0000\n\nA fix.\n\n---\n a | 1 +\ndiff --git a/a b/a\n"
      + "--- a/a\n+++ b/a\n@@ -0,0 +1 @@\n+x\n";

  private int inbox(int port) throws Exception {
    try (Store s = Session.getInstance(new Properties()).getStore("imap")) {
      s.connect("127.0.0.1", port, "lists", "imap-pw");
      Folder f = s.getFolder("INBOX");
      f.open(Folder.READ_ONLY);
      int n = f.getMessageCount();
      f.close(false);
      return n;
    }
  }

  private int run(StringWriter out, String... args) {
    return Main.run(new PrintWriter(out, true), new PrintWriter(out, true), args);
  }

  @Test
  void postsToTheServerAndDeletesOnlyAfterItAccepted() throws Exception {
    GreenMail imap = new GreenMail(new ServerSetup[] {new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_IMAP)});
    imap.start();
    Database db = TestDatabases.open("h2", tmp);
    try (TestServer server = new TestServer(db, new NativeApi(db, Config.DEFAULT, Clock.systemUTC()))) {
      imap.setUser("lists@example.org", "lists", "imap-pw").deliver(
          new MimeMessage(Session.getInstance(new Properties()), new ByteArrayInputStream(MAIL.getBytes(StandardCharsets.UTF_8))));
      int port = imap.getImap().getPort();
      Path config = Files.writeString(tmp.resolve("importer.yaml"), "intake:\n  imap:\n    - host: 127.0.0.1\n"
          + "      port: " + port + "\n      security: none\n      user: lists\n      password: imap-pw\n"
          + "      after: delete\n");
      Path home = Files.createDirectories(tmp.resolve("home"));
      long before = db.jdbi().withHandle(new MessageRepository()::count);

      StringWriter refused = new StringWriter();
      int code = run(refused, "importer", "--home", home.toString(), "--config", config.toString(),
          "--server", server.url(""), "--token", "not-a-real-token-123", "--once");
      assertThat(code).as(refused.toString()).isNotZero();
      assertThat(refused.toString()).contains("401").doesNotContain("not-a-real-token-123");
      assertThat(inbox(port)).as("refused by the server: left on the IMAP server").isEqualTo(1);
      assertThat(db.jdbi().withHandle(new MessageRepository()::count)).isEqualTo(before);

      StringWriter ok = new StringWriter();
      code = run(ok, "importer", "--home", home.toString(), "--config", config.toString(),
          "--server", server.url(""), "--token", server.importerToken, "--once");
      assertThat(code).as(ok.toString()).isZero();
      assertThat(ok.toString()).contains("imported 1 mails").doesNotContain(server.importerToken);
      long stored = db.jdbi().withHandle(h -> h.createQuery("SELECT COUNT(*) FROM message WHERE msgid LIKE '%remote-import-1@%'")
          .mapTo(Long.class).one());
      assertThat(stored).isEqualTo(1);
      assertThat(db.jdbi().withHandle(new MessageRepository()::count)).isEqualTo(before + 1);
      assertThat(inbox(port)).as("accepted by the server: deleted").isZero();
    } finally {
      imap.stop();
    }
  }
}
