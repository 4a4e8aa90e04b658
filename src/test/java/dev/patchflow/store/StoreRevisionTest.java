package dev.patchflow.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.patchflow.intake.ImportProgress;
import dev.patchflow.intake.Importer;
import dev.patchflow.intake.MailSources;
import dev.patchflow.intake.ProjectRouter;
import dev.patchflow.config.IntakeConfig.Unmatched;
import dev.patchflow.testing.Mbox;
import dev.patchflow.testing.TestDatabases;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The revision moves after committed writes only, whoever makes them. */
class StoreRevisionTest {
  @TempDir Path tmp;

  static List<String> databases() {
    return TestDatabases.kinds();
  }

  @ParameterizedTest
  @MethodSource("databases")
  void readsLeaveItAndAutocommitWritesMoveIt(String kind) {
    try (Database db = TestDatabases.open(kind, tmp)) {
      long r0 = db.revision().current();
      db.jdbi().useHandle(h -> h.createQuery("SELECT COUNT(*) FROM project").mapTo(Long.class).one());
      assertThat(db.revision().current()).isEqualTo(r0);
      db.jdbi().useHandle(h -> h.execute("INSERT INTO person (email, name) VALUES ('a@example.org', 'A')"));
      assertThat(db.revision().current()).isGreaterThan(r0);
    }
  }

  @ParameterizedTest
  @MethodSource("databases")
  void aTransactionMovesItOnlyOnceItHasCommitted(String kind) {
    try (Database db = TestDatabases.open(kind, tmp)) {
      long r0 = db.revision().current();
      AtomicLong seenInside = new AtomicLong();
      db.jdbi().useTransaction(h -> {
        h.execute("INSERT INTO person (email, name) VALUES ('a@example.org', 'A')");
        h.execute("INSERT INTO person (email, name) VALUES ('b@example.org', 'B')");
        // Another connection must not see a new revision before the data is committed.
        seenInside.set(db.revision().current());
      });
      assertThat(seenInside.get()).isEqualTo(r0);
      assertThat(db.revision().current()).isEqualTo(r0 + 1);
    }
  }

  @ParameterizedTest
  @MethodSource("databases")
  void aRolledBackWriteLeavesItAndTheNextCommitOnTheSameHandleMovesIt(String kind) {
    try (Database db = TestDatabases.open(kind, tmp)) {
      long r0 = db.revision().current();
      assertThatThrownBy(() -> db.jdbi().useTransaction(h -> {
        h.execute("INSERT INTO person (email, name) VALUES ('a@example.org', 'A')");
        throw new IllegalStateException("give up");
      })).hasMessage("give up");
      assertThat(db.revision().current()).isEqualTo(r0);

      db.jdbi().useHandle(h -> {
        h.begin();
        h.execute("INSERT INTO person (email, name) VALUES ('b@example.org', 'B')");
        h.rollback();
        h.begin();
        h.execute("INSERT INTO person (email, name) VALUES ('c@example.org', 'C')");
        h.commit();
        assertThat(db.revision().current()).isEqualTo(r0 + 1);
        h.begin();
        h.execute("INSERT INTO person (email, name) VALUES ('d@example.org', 'D')");
        h.commit();
      });
      assertThat(db.revision().current()).isEqualTo(r0 + 2);
      long people = db.jdbi().withHandle(h -> h.createQuery("SELECT COUNT(*) FROM person").mapTo(Long.class).one());
      assertThat(people).isEqualTo(2);
    }
  }

  @ParameterizedTest
  @MethodSource("databases")
  void anImportMovesIt(String kind) throws Exception {
    try (Database db = TestDatabases.open(kind, tmp)) {
      long r0 = db.revision().current();
      Path mbox = Mbox.write(tmp.resolve("one.mbox"), List.of(Mbox.text(
          "From: a@example.org\nSubject: [PATCH] x\nMessage-ID: <one@example.org>\nList-Id: <l.example.org>\n\n"
              + "diff --git a/f b/f\n--- a/f\n+++ b/f\n@@ -1 +1 @@\n-a\n+b\n")));
      new Importer(db, new ProjectRouter(List.of(), Unmatched.AUTO), 500, Clock.systemUTC())
          .importAll(MailSources.open(List.of(mbox)), ImportProgress.NONE);
      assertThat(db.revision().current()).isGreaterThan(r0);
    }
  }

  @org.junit.jupiter.api.Test
  void tellsWritesFromReads() {
    assertThat(StoreRevision.writes("  insert into x values (1)")).isTrue();
    assertThat(StoreRevision.writes("UPDATE x SET a = 1")).isTrue();
    assertThat(StoreRevision.writes("DELETE FROM x")).isTrue();
    assertThat(StoreRevision.writes("MERGE INTO x KEY (a) VALUES (1)")).isTrue();
    assertThat(StoreRevision.writes("SELECT * FROM x FOR UPDATE")).isFalse();
    assertThat(StoreRevision.writes("SELECT 'INSERT'")).isFalse();
    assertThat(StoreRevision.writes(null)).isFalse();
    assertThat(StoreRevision.writes("DELETE FROM web_session WHERE expires_at <= ?")).isFalse();
    assertThat(StoreRevision.writes("INSERT INTO web_session_x (a) VALUES (1)")).isTrue();
    assertThat(StoreRevision.writes("UPDATE tester SET last_seen = ? WHERE name = ?")).isFalse();
    assertThat(StoreRevision.writes("UPDATE test_job SET lease_until = ?, updated_at = ? WHERE id = ?")).isFalse();
    assertThat(StoreRevision.writes("UPDATE test_job SET log = ?, log_bytes = ? WHERE id = ?")).isFalse();
    assertThat(StoreRevision.writes("UPDATE test_job SET state = 'running', lease = ? WHERE id = ?")).isTrue();
    assertThat(StoreRevision.writes("INSERT INTO test_job (series_id) VALUES (1)")).isTrue();
  }
}
