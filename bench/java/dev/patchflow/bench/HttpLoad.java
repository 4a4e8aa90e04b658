package dev.patchflow.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * Closed-loop HTTP load: a fixed number of clients, each sending a request, waiting for the
 * whole response, and sending the next, until the time is up. One JDK HttpClient speaking
 * HTTP/1.1 with keep-alive, so each client holds a connection. Latency is the client's view:
 * from send to the last byte of the body. Anything but a 200 is an error, and so is a request
 * that takes longer than the timeout: the client gives up on it and counts the timeout as its
 * latency (a lower bound), but the server goes on with it, so {@link #awaitIdle} waits for
 * such leftovers before anything else is measured.
 */
final class HttpLoad implements AutoCloseable {
  private static final int ERRORS_SHOWN = 5;

  /**
   * One run's outcome.
   *
   * @param latencies every completed request's latency in nanoseconds, sorted
   */
  record Result(long requests, long errors, long timeouts, double seconds, long bytes, long[] latencies) {
    double perSecond() {
      return requests / seconds;
    }

    /** The nearest-rank percentile, in milliseconds. */
    double percentileMs(double p) {
      if (latencies.length == 0) {
        return Double.NaN;
      }
      int rank = (int) Math.ceil(p / 100.0 * latencies.length);
      return latencies[Math.max(0, Math.min(latencies.length - 1, rank - 1))] / 1e6;
    }
  }

  private final int clients;
  private final Duration timeout;
  private final ExecutorService pool;
  private final HttpClient http;
  private final AtomicInteger errorsShown = new AtomicInteger();

  HttpLoad(int clients, Duration timeout) {
    this.clients = clients;
    this.timeout = timeout;
    AtomicInteger n = new AtomicInteger();
    this.pool = Executors.newFixedThreadPool(clients, r -> {
      Thread t = new Thread(r, "bench-client-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    });
    this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(10))
        .followRedirects(HttpClient.Redirect.NEVER).build();
  }

  /** One GET, outside any measurement (checks, metrics). */
  HttpResponse<String> get(URI uri, Duration timeout) throws IOException, InterruptedException {
    return http.send(HttpRequest.newBuilder(uri).GET().timeout(timeout).build(), HttpResponse.BodyHandlers.ofString());
  }

  /** Every client sends requests to {@code next.get()} until {@code duration} has passed. */
  Result run(String label, Supplier<URI> next, Duration duration) throws InterruptedException {
    long start = System.nanoTime();
    long deadline = start + duration.toNanos();
    List<Future<Client>> running = new ArrayList<>();
    for (int i = 0; i < clients; i++) {
      running.add(pool.submit(() -> new Client().loop(label, next, deadline)));
    }
    List<Client> done = new ArrayList<>();
    for (Future<Client> f : running) {
      try {
        done.add(f.get());
      } catch (ExecutionException e) {
        throw new IllegalStateException("a load client failed", e.getCause());
      }
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    long requests = 0;
    long errors = 0;
    long timeouts = 0;
    long bytes = 0;
    for (Client c : done) {
      requests += c.count;
      errors += c.errors;
      timeouts += c.timeouts;
      bytes += c.bytes;
    }
    long[] all = new long[(int) requests];
    int at = 0;
    for (Client c : done) {
      System.arraycopy(c.latencies, 0, all, at, c.count);
      at += c.count;
    }
    Arrays.sort(all);
    return new Result(requests, errors, timeouts, seconds, bytes, all);
  }

  /**
   * Waits until no thread of this JVM is inside the server's request handling (requests the
   * clients gave up on run on), at most {@code max}; returns false if it is still busy then.
   */
  static boolean awaitIdle(Duration max) throws InterruptedException {
    long deadline = System.nanoTime() + max.toNanos();
    while (busyServerThreads() > 0) {
      if (System.nanoTime() > deadline) {
        return false;
      }
      Thread.sleep(200);
    }
    return true;
  }

  private static int busyServerThreads() {
    int busy = 0;
    for (StackTraceElement[] stack : Thread.getAllStackTraces().values()) {
      for (StackTraceElement frame : stack) {
        if (frame.getClassName().startsWith("io.javalin.http.servlet.JavalinServlet")) {
          busy++;
          break;
        }
      }
    }
    return busy;
  }

  private HttpRequest request(URI uri) {
    return HttpRequest.newBuilder(uri).GET().timeout(timeout).build();
  }

  /** One client's loop and what it saw; only its own thread touches it until it is returned. */
  private final class Client {
    long[] latencies = new long[1 << 12];
    int count;
    long errors;
    long timeouts;
    long bytes;

    Client loop(String label, Supplier<URI> next, long deadline) {
      while (System.nanoTime() < deadline) {
        URI uri = next.get();
        long t0 = System.nanoTime();
        try {
          HttpResponse<byte[]> r = http.send(request(uri), HttpResponse.BodyHandlers.ofByteArray());
          record(System.nanoTime() - t0);
          bytes += r.body().length;
          if (r.statusCode() != 200) {
            error(label, uri, "HTTP " + r.statusCode() + ": "
                + new String(r.body(), 0, Math.min(200, r.body().length), java.nio.charset.StandardCharsets.UTF_8));
          }
        } catch (HttpTimeoutException e) {
          record(System.nanoTime() - t0);
          timeouts++;
          error(label, uri, "no answer in " + timeout.toSeconds() + " s");
        } catch (IOException e) {
          record(System.nanoTime() - t0);
          error(label, uri, e.toString());
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          break;
        }
      }
      return this;
    }

    private void record(long nanos) {
      if (count == latencies.length) {
        latencies = Arrays.copyOf(latencies, count * 2);
      }
      latencies[count++] = nanos;
    }

    private void error(String label, URI uri, String what) {
      errors++;
      if (errorsShown.incrementAndGet() <= ERRORS_SHOWN) {
        System.err.println("bench: ERROR: " + label + ": GET " + uri + ": " + what);
      }
    }
  }

  @Override
  public void close() {
    pool.shutdownNow();
  }
}
