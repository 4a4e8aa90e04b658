package dev.patchflow.tester;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Runs a test script with bash in its own session, with a clean environment, output (stdout
 * and stderr together) to a sink as it comes. At the timeout, or when stopped, the whole
 * process tree is killed: the session's process group and every descendant Java can see, so
 * a `sleep` the script started does not outlive it.
 */
public final class ScriptRun {
  /** How a run ended. */
  public sealed interface Outcome {
    long durationMs();
  }

  public record Exited(int code, long durationMs) implements Outcome {}

  public record TimedOut(long durationMs) implements Outcome {}

  public record Stopped(long durationMs) implements Outcome {}

  private static final boolean SETSID = Files.isExecutable(Path.of("/usr/bin/setsid"))
      || Files.isExecutable(Path.of("/bin/setsid"));
  private volatile boolean stopRequested;

  /** Asks a run in progress (on another thread) to end now, e.g. when its lease is gone. */
  public void stop() {
    stopRequested = true;
  }

  public Outcome run(String script, Path dir, Map<String, String> env, Duration timeout, Consumer<byte[]> output)
      throws IOException, InterruptedException {
    List<String> command = SETSID ? List.of("setsid", "bash", "-c", script) : List.of("bash", "-c", script);
    ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
        .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
    pb.environment().clear();
    pb.environment().putAll(env);
    long start = System.nanoTime();
    Process p = pb.start();
    Thread reader = new Thread(() -> copy(p.getInputStream(), output), "script-output-" + p.pid());
    reader.setDaemon(true);
    reader.start();
    long deadline = start + timeout.toNanos();
    boolean timedOut = false;
    while (!p.waitFor(200, TimeUnit.MILLISECONDS)) {
      if (stopRequested || System.nanoTime() > deadline) {
        timedOut = !stopRequested;
        killTree(p);
        break;
      }
    }
    // the group too: children left behind by a script that exited would hold the output open
    killTree(p);
    reader.join(5_000);
    long ms = (System.nanoTime() - start) / 1_000_000;
    if (stopRequested) {
      return new Stopped(ms);
    }
    return timedOut ? new TimedOut(ms) : new Exited(p.waitFor(), ms);
  }

  private static void killTree(Process p) throws InterruptedException {
    List<ProcessHandle> tree = p.descendants().toList();
    if (SETSID) {
      try {
        // with setsid the script leads its own process group, whose id is its pid
        new ProcessBuilder("kill", "-KILL", "--", "-" + p.pid()).redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.DISCARD).start().waitFor(10, TimeUnit.SECONDS);
      } catch (IOException e) {
        // no kill binary: the descendants below are still killed one by one
      }
    }
    tree.forEach(ProcessHandle::destroyForcibly);
    p.destroyForcibly();
    p.waitFor(10, TimeUnit.SECONDS);
    // SIGKILL is delivered, not done: wait for the tree to be gone before the result is reported,
    // so nothing of this job still runs when the next one starts
    long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    for (ProcessHandle h : tree) {
      while (h.isAlive() && System.nanoTime() < until) {
        Thread.sleep(20);
      }
    }
  }

  private static void copy(InputStream in, Consumer<byte[]> output) {
    byte[] buf = new byte[8192];
    try (in) {
      int n;
      while ((n = in.read(buf)) > 0) {
        output.accept(java.util.Arrays.copyOf(buf, n));
      }
    } catch (IOException e) {
      // the pipe closes when the tree is killed
    }
  }
}
