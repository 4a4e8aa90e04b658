package dev.patchflow.intake.publicinbox;

import static org.assertj.core.api.Assertions.assertThat;

import dev.patchflow.config.Config;
import dev.patchflow.config.IntakeConfig;
import dev.patchflow.config.ProjectConfig;
import dev.patchflow.config.PublicInboxConfig;
import dev.patchflow.intake.RawMail;
import dev.patchflow.store.Database;
import dev.patchflow.store.MessageRepository;
import dev.patchflow.store.SeriesFilter;
import dev.patchflow.store.SeriesQueries;
import dev.patchflow.store.SeriesSummary;
import dev.patchflow.testing.Corpus;
import dev.patchflow.testing.TestDatabases;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.function.LongSupplier;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** serve's poller against a mirror that gains a commit while it runs. */
class PublicInboxPollerIT {
  @TempDir Path tmp;

  static List<String> databases() {
    return TestDatabases.kinds();
  }

  @ParameterizedTest
  @MethodSource("databases")
  void aCommitAddedToTheMirrorReachesTheStoreWithinSeconds(String kind) throws Exception {
    List<RawMail> demo = Corpus.raw(Path.of("demo/demo.mbox"));
    InboxBuilder inbox = new InboxBuilder(tmp.resolve("mirrors").resolve("widgets"));
    for (RawMail m : demo.subList(0, 4)) {
      inbox.add(0, m.bytes());
    }
    // Both projects would claim the list's mail; the mirror names one, so only it gets the mail.
    Config config = new Config(null,
        new IntakeConfig(null, null, null, List.of(new PublicInboxConfig("mirrors/widgets", 1, List.of("widgets")))),
        List.of(new ProjectConfig("widgets", "widgets.lists.example.org", List.of(), List.of()),
            new ProjectConfig("everything", null, List.of("widgets@lists.example.org"), List.of())),
        null, null, null);
    try (Database db = TestDatabases.open(kind, tmp)) {
      LongSupplier stored = () -> db.jdbi().withHandle(new MessageRepository()::count);
      try (PublicInboxPoller poller = new PublicInboxPoller(db, PublicInboxPoller.mirrors(config, tmp), 500,
          Clock.systemUTC())) {
        poller.start();
        awaitCount(stored, 4);
        inbox.add(0, demo.get(10).bytes()); // the lone fix
        awaitCount(stored, 5);
      }
      List<SeriesSummary> series = db.jdbi().withHandle(h -> new SeriesQueries().list(h, new SeriesFilter(null, null, 100)));
      assertThat(series).extracting(SeriesSummary::project).containsOnly("widgets");
      assertThat(series).extracting(SeriesSummary::name).contains("widget limits", "README: say what widgets are");
    }
  }

  private static void awaitCount(LongSupplier count, long expected) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (count.getAsLong() < expected && System.nanoTime() < deadline) {
      Thread.sleep(100);
    }
    assertThat(count.getAsLong()).isEqualTo(expected);
  }
}
