package dev.patchflow.intake;

import static org.assertj.core.api.Assertions.assertThat;

import dev.patchflow.config.DatabaseConfig;
import dev.patchflow.store.Database;
import dev.patchflow.store.MessageRepository;
import dev.patchflow.store.SeriesQueries;
import dev.patchflow.testing.ListTraffic;
import dev.patchflow.testing.PackagedJar;
import dev.patchflow.testing.StoreWatch;
import dev.patchflow.testing.TestDatabases;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Kills a real `patchflow import` process (SIGKILL) in the middle of an import, runs it again,
 * and checks that every message is stored exactly once and the series are what a clean import
 * makes.
 */
class KillAndResumeIT {
  @TempDir Path tmp;

  static List<String> databases() {
    return TestDatabases.kinds();
  }

  @ParameterizedTest
  @MethodSource("databases")
  void killedImportResumesWithoutLossOrRepeats(String kind) throws Exception {
    ListTraffic.Generated traffic = ListTraffic.generate(1500, 11);
    Path mbox = tmp.resolve("list.mbox");
    Files.writeString(mbox, traffic.mbox());
    Path home = Files.createDirectories(tmp.resolve("home"));
    DatabaseConfig dbConfig = kind.equals("h2") ? DatabaseConfig.EMBEDDED : TestDatabases.freshPostgres();
    Path config = writeConfig(home, dbConfig);

    long atKill;
    try (StoreWatch watch = StoreWatch.open(home, dbConfig)) {
      Process first = start(home, config, mbox);
      atKill = watch.waitForMessages(first, 200);
      first.destroyForcibly();
      assertThat(first.waitFor(30, TimeUnit.SECONDS)).isTrue();
    }
    assertThat(atKill).as("the import must be killed half-way to test anything").isLessThan(traffic.messages());

    Process second = start(home, config, mbox);
    String out = new String(second.getInputStream().readAllBytes());
    assertThat(second.waitFor(120, TimeUnit.SECONDS)).isTrue();
    assertThat(second.exitValue()).as(out).isZero();
    assertThat(out).contains("read " + traffic.messages() + ",");

    try (Database db = Database.open(dbConfig, home)) {
      long messages = db.jdbi().withHandle(new MessageRepository()::count);
      long distinct = db.jdbi().withHandle(h -> h.createQuery("SELECT COUNT(DISTINCT msgid) FROM message").mapTo(Long.class).one());
      long series = db.jdbi().withHandle(new SeriesQueries()::count);
      long complete = db.jdbi().withHandle(h -> h.createQuery("SELECT COUNT(*) FROM series WHERE complete = TRUE").mapTo(Long.class).one());
      long unthreaded = db.jdbi().withHandle(h -> h.createQuery("SELECT COUNT(*) FROM message_project mp JOIN project p ON p.id = mp.project_id WHERE mp.seq > p.threaded_seq").mapTo(Long.class).one());
      assertThat(messages).isEqualTo(traffic.messages());
      assertThat(distinct).isEqualTo(messages);
      assertThat(series).isEqualTo(traffic.series());
      assertThat(complete).isEqualTo(traffic.series());
      assertThat(unthreaded).isZero();
    }
  }

  private static Path writeConfig(Path home, DatabaseConfig db) throws IOException {
    StringBuilder yaml = new StringBuilder("intake:\n  batch_size: 25\n");
    if (db.url() != null) {
      yaml.append("database:\n  url: \"").append(db.url()).append("\"\n  user: ").append(db.user())
          .append("\n  password: \"${PATCHFLOW_TEST_PG_PASSWORD}\"\n");
    }
    Path file = home.resolve("patchflow.yaml");
    Files.writeString(file, yaml);
    return file;
  }

  private static Process start(Path home, Path config, Path mbox) throws IOException {
    return PackagedJar.command("import", "--home", home.toString(), "--config", config.toString(), "--no-progress",
        mbox.toString()).redirectErrorStream(true).start();
  }
}
