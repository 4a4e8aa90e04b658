package dev.patchflow.ci;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.patchflow.config.DatabaseConfig;
import dev.patchflow.config.Secret;
import dev.patchflow.store.Database;
import dev.patchflow.testing.TestServer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Patchwork client against Patchflow's own /api/1.x, started in-process over the demo list. */
class PatchworkClientTest {
  private static final Instant SINCE = Instant.parse("2026-01-01T00:00:00Z");
  private static final String PROJECT = TestServer.PROJECT;
  @TempDir static Path tmp;
  static TestServer s;

  @BeforeAll
  static void start() throws Exception {
    s = new TestServer(Database.open(DatabaseConfig.EMBEDDED, tmp));
  }

  @AfterAll
  static void stop() {
    s.close();
  }

  private static PatchworkClient client(String token, PwRequestCount count, int pageSize) {
    return new PatchworkClient(s.url("/api/1.2"), token == null ? null : Secret.of(token), count, Clock.systemUTC(),
        PatchworkClient.Tuning.DEFAULT.withPageSize(pageSize).withSleeper(d -> {}));
  }

  @Test
  void listsRecentPatchesInEveryStateWithTheirSeries() throws Exception {
    List<PwPatch> patches = client(null, new PwRequestCount(), 100).recentPatches(PROJECT, SINCE, List.of());
    assertThat(patches).hasSize(7);
    assertThat(patches).extracting(PwPatch::state).contains("new", "superseded");
    assertThat(patches).allSatisfy(p -> {
      assertThat(p.msgid()).startsWith("<").endsWith(">");
      assertThat(p.date()).isAfter(SINCE);
      assertThat(p.archived()).isFalse();
      assertThat(p.submitterEmail()).isEqualTo("ada@example.org");
      assertThat(p.series()).singleElement().satisfies(r -> {
        assertThat(r.id()).isPositive();
        assertThat(r.mbox()).endsWith("/series/" + r.id() + "/mbox/");
        assertThat(r.webUrl()).isNotNull();
      });
    });
    assertThat(patches).filteredOn(p -> p.name().contains("widget: add a limit")).extracting(p -> p.series().get(0).version())
        .containsExactlyInAnyOrder(1, 2);
    assertThat(client(null, new PwRequestCount(), 100).recentPatches(PROJECT, Instant.parse("2026-01-12T00:00:00Z"),
        List.of())).hasSize(4);
  }

  @Test
  void pagesThroughLinkHeaders() throws Exception {
    PwRequestCount count = new PwRequestCount();
    List<PwPatch> paged = client(null, count, 2).recentPatches(PROJECT, SINCE, null);
    assertThat(paged).extracting(PwPatch::id)
        .isEqualTo(client(null, new PwRequestCount(), 100).recentPatches(PROJECT, SINCE, null).stream().map(PwPatch::id).toList());
    assertThat(count.requests()).hasSize(4).allSatisfy(e -> assertThat(e.path()).contains("per_page=2"));
    assertThat(count.requests().get(3).path()).contains("page=4");
  }

  @Test
  void searchPatternsAreOredAndMergedById() throws Exception {
    PwRequestCount count = new PwRequestCount();
    PatchworkClient c = client(null, count, 100);
    List<PwPatch> superseded = c.recentPatches(PROJECT, SINCE, List.of(Map.of("state", "superseded")));
    assertThat(superseded).hasSize(3).allSatisfy(p -> assertThat(p.state()).isEqualTo("superseded"));
    List<PwPatch> either = c.recentPatches(PROJECT, SINCE,
        List.of(Map.of("state", "superseded"), Map.of("q", "README"), Map.of("state", "9")));
    assertThat(either).hasSize(4).extracting(PwPatch::id).doesNotHaveDuplicates().isSorted();
    assertThat(either).filteredOn(p -> p.name().contains("README")).hasSize(1);
    // A pattern's project replaces the caller's (repeated, it would widen the listing).
    assertThat(c.recentPatches("no-such-project", SINCE, List.of(Map.of("project", PROJECT)))).hasSize(7);
  }

  @Test
  void seriesDetailWithCoverIsKeptWhenComplete() throws Exception {
    PwRequestCount count = new PwRequestCount();
    PatchworkClient c = client(null, count, 100);
    PwPatch v2 = c.recentPatches(PROJECT, SINCE, List.of()).stream()
        .filter(p -> p.series().get(0).version() == 2).findFirst().orElseThrow();
    PwSeries series = c.series(v2.series().get(0).id());
    assertThat(series.version()).isEqualTo(2);
    assertThat(series.coverName()).contains("widget limits");
    assertThat(series.coverMsgid()).startsWith("<").endsWith(">");
    assertThat(series.patches()).extracting(PwPatch::name).hasSize(3).first().asString().contains("1/3");
    assertThat(series.patches()).allSatisfy(p -> assertThat(p.series()).extracting(PwSeriesRef::id).containsExactly(series.id()));
    int before = count.total();
    assertThat(c.series(series.id())).isSameAs(series);
    assertThat(count.total()).as("a complete series is not asked for again").isEqualTo(before);

    byte[] mbox = c.mbox(series);
    assertThat(new String(mbox, 0, 5, StandardCharsets.US_ASCII)).isEqualTo("From ");
    assertThat(new String(mbox, StandardCharsets.UTF_8)).contains("widget: add a limit");
  }

  @Test
  void postsACheckAndReadsItBack() throws Exception {
    PatchworkClient c = client(s.testerToken, new PwRequestCount(), 100);
    long patch = c.recentPatches(PROJECT, SINCE, List.of(Map.of("q", "README"))).get(0).id();
    PwCheck check = new PwCheck("kernel-ci_build", CheckState.FAIL, "https://ci.example.org/run/1", "build failed");
    c.postCheck(patch, check);
    assertThat(c.checks(patch)).contains(check);
    PwCheck again = new PwCheck("kernel-ci_build", CheckState.SUCCESS, null, null);
    c.postCheck(patch, again);
    assertThat(c.checks(patch)).hasSizeGreaterThanOrEqualTo(2).last().isEqualTo(new PwCheck("kernel-ci_build",
        CheckState.SUCCESS, "", ""));
  }

  @Test
  void anUnchangedListingIsAnswered304AndServedFromTheCopy() throws Exception {
    PwRequestCount count = new PwRequestCount();
    PatchworkClient c = client(null, count, 3);
    Instant since = Instant.parse("2026-01-01T00:17:00Z"); // rounded down: both cycles ask the same URL
    List<PwPatch> first = c.recentPatches(PROJECT, since, List.of());
    assertThat(count.reset()).hasSize(3).noneMatch(PwExchange::fromCache);
    List<PwPatch> second = c.recentPatches(PROJECT, since.plusSeconds(600), List.of());
    assertThat(second).isEqualTo(first);
    // Patchflow states its store revision: the first page unchanged means all pages are
    assertThat(count.requests()).hasSize(1).allSatisfy(e -> {
      assertThat(e.status()).as("the server's answer").isEqualTo(304);
      assertThat(e.fromCache()).isTrue();
    });
    count.reset();

    PwPatch target = first.stream().filter(p -> p.state().equals("new")).findFirst().orElseThrow();
    assertThat(s.send("PATCH", "/api/1.2/patches/" + target.id() + "/", s.maintainerToken, "application/json",
        "{\"state\": \"accepted\"}").statusCode()).isEqualTo(200);
    List<PwPatch> third = c.recentPatches(PROJECT, since, List.of());
    assertThat(count.requests()).hasSize(3).allSatisfy(e -> {
      assertThat(e.status()).isEqualTo(200);
      assertThat(e.fromCache()).isFalse();
    });
    assertThat(third).filteredOn(p -> p.id() == target.id()).singleElement()
        .satisfies(p -> assertThat(p.state()).isEqualTo("accepted"));
  }

  @Test
  void theTokenNeverAppearsInErrors() throws Exception {
    String bad = "sekrit-token-0123456789";
    PatchworkClient c = client(bad, new PwRequestCount(), 100);
    assertThatThrownBy(() -> c.recentPatches(PROJECT, SINCE, List.of())).isInstanceOfSatisfying(PatchworkException.class,
        e -> {
          assertThat(e.status()).isEqualTo(401);
          assertThat(e.method()).isEqualTo("GET");
          assertThat(e.url()).contains("/api/1.2/patches/").doesNotContain(bad);
          assertThat(e.getMessage()).contains("401").doesNotContain(bad);
        });
    // A user who may not post checks is refused: the write is tried once and reported.
    PwRequestCount count = new PwRequestCount();
    PatchworkClient plain = client(s.userToken, count, 100);
    long patch = plain.recentPatches(PROJECT, SINCE, List.of()).get(0).id();
    count.reset();
    assertThatThrownBy(() -> plain.postCheck(patch, new PwCheck("x", CheckState.PENDING, null, null)))
        .isInstanceOfSatisfying(PatchworkException.class, e -> {
          assertThat(e.status()).isEqualTo(403);
          assertThat(e.getMessage()).doesNotContain(s.userToken);
        });
    assertThat(count.total()).isEqualTo(1);

    // Nothing listens here: retried with backoff, then a status-0 error without the token.
    int port;
    try (var socket = new java.net.ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    List<Duration> waits = new ArrayList<>();
    PwRequestCount tries = new PwRequestCount();
    PatchworkClient gone = new PatchworkClient("http://127.0.0.1:" + port + "/api/1.2/", Secret.of(bad), tries,
        Clock.systemUTC(), new PatchworkClient.Tuning(100, 3, Duration.ofMillis(100), Duration.ofSeconds(5), waits::add));
    assertThatThrownBy(() -> gone.series(1)).isInstanceOfSatisfying(PatchworkException.class, e -> {
      assertThat(e.status()).isZero();
      assertThat(e.getMessage()).doesNotContain(bad);
    });
    assertThat(waits).containsExactly(Duration.ofMillis(100), Duration.ofMillis(200));
    assertThat(tries.requests()).hasSize(3).allSatisfy(e -> assertThat(e.status()).isZero());
  }
}
