package dev.patchflow.intake.imap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.patchflow.config.IntakeConfig.Unmatched;
import dev.patchflow.config.ImapSourceConfig;
import dev.patchflow.config.ImapSourceConfig.Security;
import dev.patchflow.intake.Importer;
import dev.patchflow.intake.ProjectRouter;
import dev.patchflow.intake.RawMail;
import dev.patchflow.store.Database;
import dev.patchflow.store.MessageRepository;
import dev.patchflow.store.SeriesQueries;
import dev.patchflow.testing.Corpus;
import dev.patchflow.testing.TestDatabases;
import java.io.IOException;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The IMAP importer against a real IMAP server (GreenMail, mail delivered over SMTP), into a real store. */
class ImapImportTest {
  @TempDir Path tmp;
  GreenMailFixture server;
  List<RawMail> mails;

  @BeforeEach
  void setUp() throws Exception {
    server = new GreenMailFixture();
    // two series (v1 and v2 of one patch set) in six mails
    mails = Corpus.raw(Corpus.mail("series/revision-threaded-to-patch.mbox"));
    server.deliver(mails);
    server.moveLast(3, "netdev");
  }

  @AfterEach
  void tearDown() {
    server.close();
  }

  static Stream<Arguments> databasesAndActions() {
    return TestDatabases.kinds().stream()
        .flatMap(k -> Stream.of("keep", "mark-seen", "move:Archive", "delete").map(a -> Arguments.of(k, a)));
  }

  private static StoreSink sinkInto(Database db) {
    return new StoreSink(new Importer(db, new ProjectRouter(List.of(), Unmatched.AUTO), 50, Clock.systemUTC()));
  }

  private ImapSource source(ImapSourceConfig config, MailSink sink, Database db, int batch) {
    return new ImapSource(config, sink, new DatabaseUids(db, Clock.systemUTC()), batch, Duration.ofMillis(50));
  }

  private static long stored(Database db) {
    return db.jdbi().withHandle(new MessageRepository()::count);
  }

  private static long distinct(Database db) {
    return db.jdbi().withHandle(h -> h.createQuery("SELECT COUNT(DISTINCT msgid) FROM message").mapTo(Long.class).one());
  }

  private List<String> everywhere() throws Exception {
    List<String> all = new ArrayList<>(server.look("INBOX"));
    all.addAll(server.look("netdev"));
    return all;
  }

  @ParameterizedTest
  @MethodSource("databasesAndActions")
  void severalFoldersAreImportedThreadedAndHandledOnlyAfterCommit(String kind, String after) throws Exception {
    try (Database db = TestDatabases.open(kind, tmp)) {
      StoreSink store = sinkInto(db);
      List<String> seenAtCommit = new ArrayList<>();
      MailSink watching = batch -> {
        store.deliver(batch);
        try {
          // committed now; the IMAP side must still be untouched
          seenAtCommit.add(stored(db) + " stored, server: " + everywhere());
        } catch (Exception e) {
          throw new IOException(e);
        }
      };
      ImapSourceConfig config = server.source(server.imapPort(), Security.NONE, null, List.of("INBOX", "netdev"), after);
      assertThat(source(config, watching, db, 2).syncOnce()).isEqualTo(6);

      assertThat(stored(db)).isEqualTo(6);
      assertThat(db.jdbi().withHandle(new SeriesQueries()::count)).isEqualTo(2);
      assertThat(seenAtCommit).hasSize(4); // INBOX 2+1, netdev 2+1
      assertThat(seenAtCommit.get(0)).startsWith("2 stored").doesNotContain(" seen").contains("INBOX".isEmpty() ? "" : "unseen");
      assertThat(seenAtCommit.get(0).split("unseen", -1)).as("all six still in place at the first commit").hasSize(7);
      switch (after) {
        case "keep" -> {
          assertThat(everywhere()).hasSize(6).allMatch(s -> s.endsWith(" unseen"));
          assertThat(source(config, sinkInto(db), db, 2).syncOnce()).as("UIDs remembered").isZero();
          assertThat(new DatabaseUids(db, Clock.systemUTC()).load("test", "INBOX")).hasValueSatisfying(
              st -> assertThat(st.lastUid()).isPositive());
        }
        case "mark-seen" -> assertThat(everywhere()).hasSize(6).allMatch(s -> s.endsWith(" seen"));
        case "move:Archive" -> {
          assertThat(everywhere()).isEmpty();
          assertThat(server.look("Archive")).hasSize(6);
        }
        case "delete" -> {
          assertThat(everywhere()).isEmpty();
          assertThat(server.look("Archive")).isEmpty();
        }
        default -> throw new AssertionError(after);
      }
      assertThat(stored(db)).isEqualTo(6);
    }
  }

  @ParameterizedTest
  @MethodSource("dev.patchflow.testing.TestDatabases#kinds")
  void aCrashBetweenCommitAndMoveIsFinishedByTheNextRunWithoutRepeats(String kind) throws Exception {
    try (Database db = TestDatabases.open(kind, tmp)) {
      StoreSink store = sinkInto(db);
      MailSink crashing = batch -> {
        store.deliver(batch);
        throw new IOException("simulated crash after commit, before the after-action");
      };
      ImapSourceConfig config = server.source(server.imapPort(), Security.NONE, null, List.of("INBOX", "netdev"),
          "move:Done");
      assertThatThrownBy(() -> source(config, crashing, db, 50).syncOnce()).hasMessageContaining("simulated crash");
      assertThat(stored(db)).as("INBOX's batch was committed").isEqualTo(3);
      assertThat(server.look("INBOX")).as("but not moved").hasSize(3);
      assertThat(server.look("Done")).isEmpty();

      assertThat(source(config, sinkInto(db), db, 50).syncOnce()).isEqualTo(6);
      assertThat(stored(db)).isEqualTo(6);
      assertThat(distinct(db)).isEqualTo(6);
      assertThat(everywhere()).isEmpty();
      assertThat(server.look("Done")).hasSize(6);
    }
  }

  @Test
  void tlsWithThePinnedCertificateWorksAndAnotherFingerprintIsRefused() throws Exception {
    String real = PinnedTrust.fingerprintOf(serverCertificate(server.imapsPort()));
    String wrong = "00".repeat(32);
    try (Database db = TestDatabases.open("h2", tmp)) {
      ImapSourceConfig bad = server.source(server.imapsPort(), Security.TLS, wrong, List.of("INBOX"), "keep");
      assertThatThrownBy(() -> source(bad, sinkInto(db), db, 50).syncOnce())
          .hasMessageContaining("IMAP source 'test'")
          .hasMessageContaining("fingerprint is " + real)
          .hasMessageContaining("config pins " + PinnedTrust.normalize(wrong));
      assertThat(stored(db)).isZero();

      String lowerNoColons = real.replace(":", "").toLowerCase(java.util.Locale.ROOT);
      ImapSourceConfig good = server.source(server.imapsPort(), Security.TLS, lowerNoColons, List.of("INBOX"), "keep");
      assertThat(source(good, sinkInto(db), db, 50).syncOnce()).isEqualTo(3);
      assertThat(stored(db)).isEqualTo(3);
    }
  }

  @Test
  void aConnectionCutMidFetchIsReconnectedAndEverythingStoredOnce() throws Exception {
    try (Database db = TestDatabases.open("h2", tmp);
        CuttingProxy proxy = new CuttingProxy(server.imapPort(), 6_000)) {
      ImapSourceConfig config = server.source(proxy.port(), Security.NONE, null, List.of("INBOX", "netdev"), "mark-seen");
      AtomicInteger batches = new AtomicInteger();
      StoreSink store = sinkInto(db);
      try (ImapSource source = source(config, b -> {
        batches.incrementAndGet();
        store.deliver(b);
      }, db, 1)) {
        source.start();
        waitFor(() -> everywhere().stream().filter(s -> s.endsWith(" seen")).count() == 6);
        assertThat(proxy.cuts()).as("the proxy must have cut a connection to test anything").isEqualTo(1);
        assertThat(stored(db)).isEqualTo(6);
        assertThat(distinct(db)).isEqualTo(6);

        // still watching after the reconnect: new mail arrives by itself
        server.deliver(List.of(dev.patchflow.testing.Mbox.text(
            "From: a@example.org\nTo: lists@example.org\nSubject: late\nMessage-ID: <late@example.org>\n\nhi\n")));
        waitFor(() -> stored(db) == 7);
      }
      assertThat(distinct(db)).isEqualTo(7);
      assertThat(batches.get()).isGreaterThanOrEqualTo(7);
    }
  }

  interface Check {
    boolean ok() throws Exception;
  }

  private static void waitFor(Check c) throws Exception {
    long end = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (!c.ok()) {
      if (System.nanoTime() > end) {
        throw new AssertionError("not reached in 30 s");
      }
      Thread.sleep(100);
    }
  }

  /** The certificate the server shows, taken without trusting it. */
  static X509Certificate serverCertificate(int port) throws Exception {
    SSLContext ctx = SSLContext.getInstance("TLS");
    ctx.init(null, new TrustManager[] {new X509TrustManager() {
      @Override
      public void checkClientTrusted(X509Certificate[] chain, String authType) {}

      @Override
      public void checkServerTrusted(X509Certificate[] chain, String authType) {}

      @Override
      public X509Certificate[] getAcceptedIssuers() {
        return new X509Certificate[0];
      }
    }}, null);
    try (SSLSocket s = (SSLSocket) ctx.getSocketFactory().createSocket("127.0.0.1", port)) {
      s.startHandshake();
      return (X509Certificate) s.getSession().getPeerCertificates()[0];
    }
  }
}
