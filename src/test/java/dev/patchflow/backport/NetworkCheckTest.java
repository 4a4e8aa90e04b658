package dev.patchflow.backport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class NetworkCheckTest {
  static final NetworkCheck.Settings QUICK = new NetworkCheck.Settings(Duration.ofSeconds(2), 3, Duration.ofSeconds(5));

  private static int closedPort() throws Exception {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  @Test
  void reachableByTcpAndByHttpHead() throws Exception {
    HttpServer http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    AtomicInteger heads = new AtomicInteger();
    http.createContext("/", ex -> {
      if (ex.getRequestMethod().equals("HEAD")) {
        heads.incrementAndGet();
      }
      ex.sendResponseHeaders(404, -1); // any answer means the host is there
      ex.close();
    });
    http.start();
    try (ServerSocket tcp = new ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
      List<Duration> sleeps = new ArrayList<>();
      NetworkCheck check = new NetworkCheck(QUICK, Clock.systemUTC(), sleeps::add);
      NetworkCheck.Result r = check.check(List.of("127.0.0.1:" + tcp.getLocalPort(),
          "http://127.0.0.1:" + http.getAddress().getPort() + "/"));
      assertThat(r.allReachable()).as(r.toString()).isTrue();
      assertThat(r.hosts()).extracting(NetworkCheck.HostResult::attempts).containsExactly(1, 1);
      assertThat(heads.get()).isEqualTo(1);
      assertThat(sleeps).isEmpty();
    } finally {
      http.stop(0);
    }
  }

  @Test
  void closedPortIsRetriedWithPausesThenReported() throws Exception {
    int port = closedPort();
    List<Duration> sleeps = new ArrayList<>();
    NetworkCheck check = new NetworkCheck(QUICK, Clock.systemUTC(), sleeps::add);
    long start = System.nanoTime();
    NetworkCheck.Result r = check.check(List.of("127.0.0.1:" + port, "http://127.0.0.1:" + port + "/x"));
    Duration took = Duration.ofNanos(System.nanoTime() - start);

    assertThat(r.allReachable()).isFalse();
    assertThat(r.unreachable()).containsExactly("127.0.0.1:" + port, "http://127.0.0.1:" + port + "/x");
    assertThat(r.hosts()).allSatisfy(h -> {
      assertThat(h.attempts()).isEqualTo(3);
      assertThat(h.error()).isNotBlank();
    });
    // two pauses per host, none after the last attempt
    assertThat(sleeps).hasSize(4).containsOnly(Duration.ofSeconds(5));
    // refused at once: far below the bound of retries × timeout per host
    assertThat(took).isLessThan(Duration.ofSeconds(2 * 3 * 2));
    assertThat(r.describeFailures()).startsWith("network unavailable (127.0.0.1:" + port + ": ");
  }

  @Test
  void mixedOutcomeAndBadHostNotRetried() throws Exception {
    try (ServerSocket tcp = new ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
      List<Duration> sleeps = new ArrayList<>();
      NetworkCheck.Result r = new NetworkCheck(QUICK, Clock.systemUTC(), sleeps::add)
          .check(List.of("127.0.0.1:" + tcp.getLocalPort(), "ftp://example.org/", "host:99999"));
      assertThat(r.hosts()).extracting(NetworkCheck.HostResult::reachable).containsExactly(true, false, false);
      assertThat(r.hosts().get(1).attempts()).isEqualTo(1);
      assertThat(r.hosts().get(2).error()).contains("bad port");
      assertThat(sleeps).isEmpty();
    }
  }

  @Test
  void addresses() {
    assertThat(NetworkCheck.address("127.0.0.1:8080").getPort()).isEqualTo(8080);
    assertThat(NetworkCheck.address("127.0.0.1").getPort()).isEqualTo(443);
    assertThat(NetworkCheck.address("[::1]:22").getAddress().isLoopbackAddress()).isTrue();
    assertThat(NetworkCheck.address("[::1]:22").getPort()).isEqualTo(22);
    assertThat(NetworkCheck.address("::1").getPort()).isEqualTo(443);
    assertThatThrownBy(() -> NetworkCheck.address(":80")).hasMessageContaining("no host");
  }

  @Test
  void environmentOverrides() {
    NetworkCheck.Settings s = NetworkCheck.Settings.DEFAULT
        .withEnv(Map.of("NETWORK_TIMEOUT", "7", "NETWORK_RETRIES", "5")::get);
    assertThat(s).isEqualTo(new NetworkCheck.Settings(Duration.ofSeconds(7), 5, Duration.ofSeconds(5)));
    assertThat(NetworkCheck.Settings.DEFAULT.withEnv(k -> null)).isEqualTo(NetworkCheck.Settings.DEFAULT);
    assertThatThrownBy(() -> NetworkCheck.Settings.DEFAULT.withEnv(Map.of("NETWORK_RETRIES", "0")::get))
        .hasMessageContaining("NETWORK_RETRIES").hasMessageContaining("'0'");
    assertThatThrownBy(() -> NetworkCheck.Settings.DEFAULT.withEnv(Map.of("NETWORK_TIMEOUT", "30s")::get))
        .hasMessageContaining("NETWORK_TIMEOUT");
  }
}
