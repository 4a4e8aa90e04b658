package dev.patchflow.intake.publicinbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.patchflow.config.IntakeConfig.Unmatched;
import dev.patchflow.intake.ImportProgress;
import dev.patchflow.intake.ImportSummary;
import dev.patchflow.intake.Importer;
import dev.patchflow.intake.MailSource;
import dev.patchflow.intake.ProjectRouter;
import dev.patchflow.intake.RawMail;
import dev.patchflow.store.Database;
import dev.patchflow.store.MessageRepository;
import dev.patchflow.store.PublicInboxRepository;
import dev.patchflow.store.SeriesDetail;
import dev.patchflow.store.SeriesFilter;
import dev.patchflow.store.SeriesQueries;
import dev.patchflow.store.SeriesSummary;
import dev.patchflow.testing.Corpus;
import dev.patchflow.testing.Mbox;
import dev.patchflow.testing.TestDatabases;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Imports a public-inbox v2 inbox written with real git, on H2 and PostgreSQL. */
class PublicInboxImportIT {
  @TempDir Path tmp;

  /** The demo: v1 cover + 3 patches, a review, an ack, v2 cover + 3 patches, a lone fix. */
  private static final List<RawMail> DEMO = Corpus.raw(Path.of("demo/demo.mbox"));
  private static final RawMail SPAM = Mbox.text(
      "From: spammer@example.com\nSubject: buy now\nMessage-ID: <spam.1@example.com>\n\ncheap widgets\n");

  static List<String> databases() {
    return TestDatabases.kinds();
  }

  private static ImportSummary run(Database db, int batch, List<MailSource> sources) throws IOException {
    Importer importer = new Importer(db, new ProjectRouter(List.of(), Unmatched.AUTO), batch, Clock.systemUTC());
    return importer.importAll(sources, ImportProgress.NONE);
  }

  private static ImportSummary run(Database db, Path... paths) throws IOException {
    return run(db, 500, PublicInboxSources.open(db, List.of(paths), Clock.systemUTC()));
  }

  private static List<SeriesSummary> series(Database db) {
    return db.jdbi().withHandle(h -> new SeriesQueries().list(h, new SeriesFilter(null, null, 1000)));
  }

  private static long messages(Database db) {
    return db.jdbi().withHandle(new MessageRepository()::count);
  }

  private static Optional<String> remembered(Database db, Path epoch) throws IOException {
    String key = epoch.toRealPath().toString();
    return db.jdbi().withHandle(h -> new PublicInboxRepository().lastCommit(h, key));
  }

  /** Epoch 0: the v1 series with its replies, and spam that was then deleted; epoch 1: v2, ending with a deletion. */
  private InboxBuilder twoEpochs() {
    InboxBuilder inbox = new InboxBuilder(tmp.resolve("widgets"));
    for (RawMail m : DEMO.subList(0, 6)) {
      inbox.add(0, m.bytes());
    }
    inbox.add(0, SPAM.bytes());
    inbox.delete(0);
    for (RawMail m : DEMO.subList(6, 10)) {
      inbox.add(1, m.bytes());
    }
    inbox.add(1, SPAM.bytes()); // a repeat across epochs, as lists see: one message, stored once
    inbox.delete(1);
    return inbox;
  }

  @ParameterizedTest
  @MethodSource("databases")
  void importsBothEpochsThenOnlyWhatIsNew(String kind) throws Exception {
    InboxBuilder inbox = twoEpochs();
    try (Database db = TestDatabases.open(kind, tmp)) {
      ImportSummary first = run(db, inbox.dir());
      assertThat(first.read()).isEqualTo(12); // 14 commits, 2 of them deletions
      assertThat(first.stored()).isEqualTo(11);
      assertThat(first.duplicates()).isEqualTo(1);
      assertThat(remembered(db, inbox.epoch(0))).hasValue(inbox.tip(0));
      assertThat(remembered(db, inbox.epoch(1))).hasValue(inbox.tip(1));

      List<SeriesSummary> all = series(db);
      assertThat(all).filteredOn(s -> s.name().equals("widget limits"))
          .extracting(SeriesSummary::version).containsExactlyInAnyOrder(1, 2);
      assertThat(all).filteredOn(s -> s.name().equals("widget limits")).allSatisfy(s -> assertThat(s.complete()).isTrue());
      SeriesSummary v1 = all.stream().filter(s -> s.version() == 1).findFirst().orElseThrow();
      SeriesDetail d = db.jdbi().withHandle(h -> new SeriesQueries().get(h, v1.id())).orElseThrow();
      assertThat(d.patches()).extracting(SeriesDetail.PatchEntry::number).containsExactly(1, 2, 3);
      assertThat(d.replies()).hasSize(2);
      String origin = db.jdbi().withHandle(h -> h.createQuery("SELECT origin FROM message WHERE msgid = 'v2.1@demo.patchflow'")
          .mapTo(String.class).one());
      assertThat(origin).matches("widgets/git/1\\.git@[0-9a-f]{40}");

      ImportSummary again = run(db, inbox.dir());
      assertThat(again.read()).isZero();
      assertThat(again.stored()).isZero();

      inbox.add(1, DEMO.get(10).bytes());
      ImportSummary third = run(db, inbox.dir());
      assertThat(third.read()).isEqualTo(1);
      assertThat(third.stored()).isEqualTo(1);
      assertThat(third.duplicates()).isZero();
      assertThat(messages(db)).isEqualTo(12);
      assertThat(series(db)).hasSize(3);
      assertThat(remembered(db, inbox.epoch(1))).hasValue(inbox.tip(1));
    }
  }

  @ParameterizedTest
  @MethodSource("databases")
  void rewrittenHistoryIsReadAgainFromTheStart(String kind) throws Exception {
    InboxBuilder inbox = twoEpochs();
    try (Database db = TestDatabases.open(kind, tmp)) {
      run(db, inbox.epoch(1));
      assertThat(messages(db)).isEqualTo(5);
      inbox.rewrite(1, DEMO.get(6).bytes()); // the v2 cover, now alone in a purged history
      inbox.add(1, DEMO.get(10).bytes());
      ImportSummary after = run(db, inbox.epoch(1));
      assertThat(after.read()).isEqualTo(2);
      assertThat(after.duplicates()).isEqualTo(1);
      assertThat(after.stored()).isEqualTo(1);
      assertThat(messages(db)).isEqualTo(6);
      assertThat(remembered(db, inbox.epoch(1))).hasValue(inbox.tip(1));
    }
  }

  @ParameterizedTest
  @MethodSource("databases")
  void aFailedRunResumesAfterTheLastCommittedBatch(String kind) throws Exception {
    InboxBuilder inbox = new InboxBuilder(tmp.resolve("widgets"));
    for (RawMail m : DEMO) {
      inbox.add(0, m.bytes());
    }
    try (Database db = TestDatabases.open(kind, tmp)) {
      List<MailSource> sources = PublicInboxSources.open(db, List.of(inbox.dir()), Clock.systemUTC());
      // Batches of 2: the 5th read fails while batch 2 (mails 3 and 4) is stored, as a crash would.
      MailSource failing = new FailingAfter(sources.get(0), 4);
      assertThatThrownBy(() -> run(db, 2, List.of(failing))).isInstanceOf(IOException.class).hasMessageContaining("disk on fire");
      assertThat(messages(db)).isEqualTo(4);

      ImportSummary resumed = run(db, inbox.dir());
      assertThat(resumed.read()).as("only what the failed run did not commit").isEqualTo(DEMO.size() - 4);
      assertThat(resumed.duplicates()).isZero();
      assertThat(messages(db)).isEqualTo(DEMO.size());
      assertThat(series(db)).hasSize(3);
    }
  }

  /** A source that fails after {@code limit} mails, passing commits through to the real one. */
  private record FailingAfter(MailSource real, int limit, int[] served) implements MailSource {
    FailingAfter(MailSource real, int limit) {
      this(real, limit, new int[1]);
    }

    @Override
    public RawMail next() throws IOException {
      if (served[0]++ >= limit) {
        throw new IOException("disk on fire");
      }
      return real.next();
    }

    @Override
    public void committed(List<RawMail> batch) throws IOException {
      real.committed(batch);
    }

    @Override
    public long position() {
      return real.position();
    }

    @Override
    public long size() {
      return real.size();
    }

    @Override
    public void close() throws IOException {
      real.close();
    }
  }
}
