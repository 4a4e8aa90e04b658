package dev.patchflow.intake;

import static org.assertj.core.api.Assertions.assertThat;

import dev.patchflow.config.IntakeConfig.Unmatched;
import dev.patchflow.config.ProjectConfig;
import dev.patchflow.store.Database;
import dev.patchflow.store.MessageRepository;
import dev.patchflow.store.ProjectRepository;
import dev.patchflow.store.QuarantineRepository;
import dev.patchflow.store.QuarantinedMail;
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
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Import into a real store, on H2 and on PostgreSQL. */
class ImportTest {
  @TempDir Path tmp;

  static List<String> databases() {
    return TestDatabases.kinds();
  }

  private static ImportSummary run(Database db, List<ProjectConfig> projects, Path... paths) throws IOException {
    Importer importer = new Importer(db, new ProjectRouter(projects, Unmatched.AUTO), 2, Clock.systemUTC());
    return importer.importAll(MailSources.open(List.of(paths)), ImportProgress.NONE);
  }

  private static List<SeriesSummary> series(Database db) {
    return db.jdbi().withHandle(h -> new SeriesQueries().list(h, new SeriesFilter(null, null, 1000)));
  }

  @ParameterizedTest
  @MethodSource("databases")
  void importingTwiceStoresNothingNew(String kind) throws Exception {
    Path mbox = Corpus.mail("series/revision-threaded-to-patch.mbox");
    try (Database db = TestDatabases.open(kind, tmp)) {
      ImportSummary first = run(db, List.of(), mbox);
      assertThat(first.read()).isEqualTo(6);
      assertThat(first.stored()).isEqualTo(6);
      assertThat(first.series().created()).isEqualTo(2);
      List<SeriesSummary> before = series(db);
      ImportSummary second = run(db, List.of(), mbox);
      assertThat(second.stored()).isZero();
      assertThat(second.duplicates()).isEqualTo(6);
      assertThat(second.series().created() + second.series().updated()).isZero();
      assertThat(series(db)).isEqualTo(before);
      assertThat(db.jdbi().withHandle(new MessageRepository()::count)).isEqualTo(6);
      // kept whole: the stored bytes are the mbox's, byte for byte
      dev.patchflow.intake.RawMail first6 = Corpus.raw(mbox).get(5);
      String msgid = dev.patchflow.mail.MailParser.parse(first6.bytes()).messageId();
      java.util.Optional<byte[]> kept = db.jdbi().withHandle(h -> new MessageRepository().raw(h, msgid));
      assertThat(kept).hasValue(first6.bytes());
    }
  }

  @ParameterizedTest
  @MethodSource("databases")
  void incompleteSeriesIsCompletedWhenTheRestArrivesAndKeepsItsId(String kind) throws Exception {
    var mails = Corpus.raw(Corpus.mail("series/base-out-of-order.mbox"));
    try (Database db = TestDatabases.open(kind, tmp)) {
      // patch 2/2 alone first, then the cover and patch 1/2
      run(db, List.of(), Mbox.write(tmp.resolve("a.mbox"), mails.subList(0, 1)));
      List<SeriesSummary> first = series(db);
      assertThat(first).singleElement().satisfies(s -> assertThat(s.complete()).isFalse());
      ImportSummary rest = run(db, List.of(), Mbox.write(tmp.resolve("b.mbox"), mails.subList(1, mails.size())));
      assertThat(rest.series().created()).isZero();
      assertThat(rest.series().updated()).isEqualTo(1);
      assertThat(series(db)).singleElement().satisfies(s -> {
        assertThat(s.id()).isEqualTo(first.get(0).id());
        assertThat(s.complete()).isTrue();
        assertThat(s.received()).isEqualTo(2);
        assertThat(s.name()).isEqualTo("A sample series");
      });
    }
  }

  @ParameterizedTest
  @MethodSource("databases")
  void versionsAndReplyTrailersAreReadBack(String kind) throws Exception {
    try (Database db = TestDatabases.open(kind, tmp)) {
      run(db, List.of(), Path.of("demo/demo.mbox"));
      List<SeriesSummary> all = series(db);
      assertThat(all).hasSize(3);
      SeriesSummary v1 = all.stream().filter(s -> s.name().equals("widget limits") && s.version() == 1).findFirst().orElseThrow();
      SeriesSummary v2 = all.stream().filter(s -> s.name().equals("widget limits") && s.version() == 2).findFirst().orElseThrow();
      assertThat(v1.nextVersion()).isEqualTo(v2.id());
      assertThat(v2.previousVersion()).isEqualTo(v1.id());
      SeriesDetail d = db.jdbi().withHandle(h -> new SeriesQueries().get(h, v1.id())).orElseThrow();
      assertThat(d.patches()).extracting(SeriesDetail.PatchEntry::number).containsExactly(1, 2, 3);
      assertThat(d.patches().get(1).trailers()).extracting(t -> t.name() + ": " + t.value()).containsExactly(
          "Signed-off-by: Ada Lovelace <ada@example.org>", "Reviewed-by: Grace Hopper <grace@example.org>",
          "Acked-by: Linus Example <linus@example.org>");
      assertThat(d.patches().get(0).trailers()).extracting(SeriesDetail.TrailerEntry::name)
          .containsExactly("Signed-off-by", "Acked-by");
      assertThat(d.trailers()).extracting(SeriesDetail.TrailerEntry::givenIn).containsExactly("ack.1@demo.patchflow");
      assertThat(d.replies()).hasSize(2);
      assertThat(d.patches().get(2).hash()).matches("[0-9a-f]{40}");
    }
  }

  @ParameterizedTest
  @MethodSource("databases")
  void unparseableMailIsQuarantinedOnceAndTheImportGoesOn(String kind) throws Exception {
    Path mbox = Mbox.write(tmp.resolve("mixed.mbox"), List.of(
        Mbox.text("this is not a mail at all\njust text\n"),
        Mbox.text("From: a@example.org\nSubject: [PATCH] x\nMessage-ID: <ok@example.org>\n\nhello\n")));
    try (Database db = TestDatabases.open(kind, tmp)) {
      ImportSummary s = run(db, List.of(), mbox);
      assertThat(s.quarantined()).isEqualTo(1);
      assertThat(s.stored()).isEqualTo(1);
      ImportSummary again = run(db, List.of(), mbox);
      assertThat(again.quarantined()).isZero();
      assertThat(again.duplicates()).isEqualTo(2);
      List<QuarantinedMail> q = db.jdbi().withHandle(new QuarantineRepository()::list);
      assertThat(q).singleElement().satisfies(m -> {
        assertThat(m.reason()).contains("no header block");
        assertThat(m.origin()).contains("mixed.mbox:");
      });
      byte[] raw = db.jdbi().withHandle(h -> new QuarantineRepository().raw(h, q.get(0).id())).orElseThrow();
      assertThat(new String(raw, java.nio.charset.StandardCharsets.UTF_8)).isEqualTo("this is not a mail at all\njust text\n");
    }
  }

  @ParameterizedTest
  @MethodSource("databases")
  void oneMailCanFeedSeveralProjectsByListAndPrefixRules(String kind) throws Exception {
    List<ProjectConfig> projects = List.of(
        new ProjectConfig("netdev", "netdev.vger.kernel.org", List.of(), List.of()),
        new ProjectConfig("net-fixes", null, List.of("netdev@vger.kernel.org"), List.of("net")),
        new ProjectConfig("net-no-rfc", "netdev.vger.kernel.org", List.of(), List.of("!RFC", "/ieee802154")),
        new ProjectConfig("net-rfc", "netdev.vger.kernel.org", List.of(), List.of("RFC")),
        new ProjectConfig("lkml", null, List.of("linux-kernel@vger.kernel.org"), List.of()));
    try (Database db = TestDatabases.open(kind, tmp)) {
      run(db, projects, Corpus.mail("series/base-no-references.mbox"));
      var byProject = series(db).stream().collect(java.util.stream.Collectors.groupingBy(SeriesSummary::project));
      assertThat(byProject.keySet()).containsExactlyInAnyOrder("netdev", "net-fixes", "net-no-rfc", "lkml");
      assertThat(byProject.values()).allSatisfy(list -> assertThat(list).singleElement()
          .satisfies(s -> assertThat(s.complete()).isTrue()));
      List<dev.patchflow.store.Project> stored = db.jdbi().withHandle(h -> new ProjectRepository().all(h));
      assertThat(stored).extracting(dev.patchflow.store.Project::name).doesNotContain("net-rfc").hasSize(4);
    }
  }

  @ParameterizedTest
  @MethodSource("databases")
  void mailStoredButNotYetThreadedIsThreadedByTheNextRun(String kind) throws Exception {
    Path mbox = Corpus.mail("series/base-cover-letter.mbox");
    try (Database db = TestDatabases.open(kind, tmp)) {
      run(db, List.of(), mbox);
      // simulate a crash between storing and threading: forget the threading
      db.jdbi().useHandle(h -> {
        h.execute("DELETE FROM series_member");
        h.execute("DELETE FROM series_trailer");
        h.execute("DELETE FROM series");
        h.execute("UPDATE project SET threaded_seq = 0");
      });
      assertThat(series(db)).isEmpty();
      ImportSummary again = run(db, List.of(), mbox);
      assertThat(again.stored()).isZero();
      assertThat(again.series().created()).isEqualTo(1);
      assertThat(series(db)).singleElement().satisfies(s -> assertThat(s.complete()).isTrue());
    }
  }
}
