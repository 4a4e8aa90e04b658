package dev.patchflow.backport;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * The pre-flight before an unattended run: can each host the run needs be reached? A host is a
 * URL (answered by an HTTP HEAD, any status counts: the server is there) or {@code host:port}
 * (a TCP connect; a bare host means port 443). Each host gets {@code retries} attempts with a
 * pause between them, so the worst wait per host is retries × timeout + (retries − 1) × pause.
 */
public final class NetworkCheck {
  /** Timeout per attempt, attempts per host, pause between attempts. */
  public record Settings(Duration timeout, int retries, Duration pause) {
    /** Photon's: 30 s, 3 tries, 5 s apart. */
    public static final Settings DEFAULT = new Settings(Duration.ofSeconds(30), 3, Duration.ofSeconds(5));

    public Settings {
      if (timeout.isNegative() || timeout.isZero()) {
        throw new IllegalArgumentException("network timeout must be positive, got " + timeout);
      }
      if (retries < 1) {
        throw new IllegalArgumentException("network retries must be at least 1, got " + retries);
      }
      if (pause.isNegative()) {
        throw new IllegalArgumentException("network pause must not be negative, got " + pause);
      }
    }

    /**
     * These settings with {@code NETWORK_TIMEOUT} (seconds) and {@code NETWORK_RETRIES} from
     * {@code env} (the caller passes System::getenv); a value that is not a number is an error naming it.
     */
    public Settings withEnv(Function<String, String> env) {
      Duration t = timeout;
      int r = retries;
      String ts = env.apply("NETWORK_TIMEOUT");
      if (ts != null && !ts.isBlank()) {
        t = Duration.ofSeconds(positive("NETWORK_TIMEOUT", ts));
      }
      String rs = env.apply("NETWORK_RETRIES");
      if (rs != null && !rs.isBlank()) {
        r = positive("NETWORK_RETRIES", rs);
      }
      return new Settings(t, r, pause);
    }

    private static int positive(String name, String value) {
      try {
        int v = Integer.parseInt(value.trim());
        if (v >= 1) {
          return v;
        }
      } catch (NumberFormatException e) {
        // reported below
      }
      throw new IllegalArgumentException(name + ": want a whole number of at least 1, got '" + value + "'");
    }
  }

  /** Waits between attempts; tests pass one that only records. */
  @FunctionalInterface
  public interface Sleeper {
    void sleep(Duration d) throws InterruptedException;
  }

  /** One host's outcome: reached on attempt {@code attempts}, or not after all of them ({@code error} the last failure). */
  public record HostResult(String host, boolean reachable, int attempts, String error, Duration elapsed) {}

  /** Every host's outcome, in the order given. */
  public record Result(List<HostResult> hosts) {
    public boolean allReachable() {
      return hosts.stream().allMatch(HostResult::reachable);
    }

    public List<String> unreachable() {
      return hosts.stream().filter(h -> !h.reachable()).map(HostResult::host).toList();
    }

    /** For the summary line: {@code network unavailable (api.github.com: timed out, ...)}. */
    public String describeFailures() {
      List<String> parts = new ArrayList<>();
      for (HostResult h : hosts) {
        if (!h.reachable()) {
          parts.add(h.host() + ": " + h.error());
        }
      }
      return "network unavailable (" + String.join(", ", parts) + ")";
    }
  }

  private final Settings settings;
  private final Clock clock;
  private final Sleeper sleeper;

  public NetworkCheck(Settings settings, Clock clock, Sleeper sleeper) {
    this.settings = settings;
    this.clock = clock;
    this.sleeper = sleeper;
  }

  public NetworkCheck(Settings settings) {
    this(settings, Clock.systemUTC(), d -> Thread.sleep(d.toMillis()));
  }

  /** Checks each host in turn; an unparseable host is reported unreachable, not thrown. */
  public Result check(List<String> hosts) throws InterruptedException {
    List<HostResult> out = new ArrayList<>();
    for (String h : hosts) {
      out.add(checkOne(h));
    }
    return new Result(out);
  }

  private HostResult checkOne(String host) throws InterruptedException {
    Instant start = clock.instant();
    String error = null;
    for (int attempt = 1; attempt <= settings.retries(); attempt++) {
      if (attempt > 1) {
        sleeper.sleep(settings.pause());
      }
      try {
        probe(host);
        return new HostResult(host, true, attempt, null, Duration.between(start, clock.instant()));
      } catch (IllegalArgumentException e) {
        return new HostResult(host, false, attempt, e.getMessage(), Duration.between(start, clock.instant()));
      } catch (IOException e) {
        error = describe(e);
      }
    }
    return new HostResult(host, false, settings.retries(), error, Duration.between(start, clock.instant()));
  }

  private void probe(String host) throws IOException, InterruptedException {
    if (host.contains("://")) {
      head(URI.create(host));
    } else {
      connect(address(host));
    }
  }

  private void head(URI uri) throws IOException, InterruptedException {
    if (uri.getHost() == null || !(uri.getScheme().equals("http") || uri.getScheme().equals("https"))) {
      throw new IllegalArgumentException("not an http(s) URL with a host");
    }
    HttpClient client = HttpClient.newBuilder().connectTimeout(settings.timeout())
        .followRedirects(HttpClient.Redirect.NEVER).build();
    HttpRequest req = HttpRequest.newBuilder(uri).method("HEAD", HttpRequest.BodyPublishers.noBody())
        .timeout(settings.timeout()).header("User-Agent", "patchflow-backport").build();
    client.send(req, HttpResponse.BodyHandlers.discarding());
  }

  private void connect(InetSocketAddress address) throws IOException {
    if (address.isUnresolved()) {
      throw new IOException("unknown host " + address.getHostString());
    }
    try (Socket s = new Socket()) {
      s.connect(address, (int) Math.min(Integer.MAX_VALUE, settings.timeout().toMillis()));
    }
  }

  /** {@code host:port}, {@code [v6]:port} or a bare host or IPv6 literal (port 443). */
  static InetSocketAddress address(String spec) {
    String host = spec;
    String port = null;
    if (spec.startsWith("[")) {
      int close = spec.indexOf(']');
      if (close < 0) {
        throw new IllegalArgumentException("unclosed '[' in '" + spec + "'");
      }
      host = spec.substring(1, close);
      String rest = spec.substring(close + 1);
      if (!rest.isEmpty()) {
        if (!rest.startsWith(":")) {
          throw new IllegalArgumentException("bad host '" + spec + "'");
        }
        port = rest.substring(1);
      }
    } else if (spec.indexOf(':') >= 0 && spec.indexOf(':') == spec.lastIndexOf(':')) {
      host = spec.substring(0, spec.indexOf(':'));
      port = spec.substring(spec.indexOf(':') + 1);
    }
    if (host.isEmpty()) {
      throw new IllegalArgumentException("no host in '" + spec + "'");
    }
    int p = 443;
    if (port != null) {
      if (!port.matches("\\d{1,5}") || Integer.parseInt(port) < 1 || Integer.parseInt(port) > 65535) {
        throw new IllegalArgumentException("bad port in '" + spec + "'");
      }
      p = Integer.parseInt(port);
    }
    return new InetSocketAddress(host, p);
  }

  private static String describe(IOException e) {
    String name = e.getClass().getSimpleName();
    if (e instanceof java.net.http.HttpTimeoutException || e instanceof java.net.SocketTimeoutException) {
      return "timed out";
    }
    return e.getMessage() == null || e.getMessage().isBlank() ? name : name + ": " + e.getMessage();
  }
}
