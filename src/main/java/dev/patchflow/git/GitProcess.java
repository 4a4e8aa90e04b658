package dev.patchflow.git;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * How {@link Git} starts the git binary: a fixed locale, no prompts, no pager and no user or
 * system configuration, so that the same inputs give the same results on every host. Runs to
 * completion ({@link #run}) or hands back a started process for output too large to buffer
 * ({@link #start}).
 */
final class GitProcess {
  private static final Duration TIMEOUT = Duration.ofMinutes(30);
  private static final ExecutorService READERS = Executors.newCachedThreadPool(r -> {
    Thread t = new Thread(r, "git-output");
    t.setDaemon(true);
    return t;
  });

  private final Path dir;
  private final Git.Identity identity;
  private final Map<String, String> hiddenConfig;

  GitProcess(Path dir, Git.Identity identity, Map<String, String> hiddenConfig) {
    this.dir = dir;
    this.identity = identity;
    this.hiddenConfig = Map.copyOf(hiddenConfig);
  }

  /** What a git process printed and how it exited. */
  record Output(int code, String stdout, String stderr) {}

  /** Runs git and returns its stdout; any exit but 0 is a {@link GitException}. */
  String ok(byte[] stdin, String... args) throws GitException {
    Output o = run(stdin, args);
    if (o.code() != 0) {
      throw new GitException(command(args), o.code(), o.stderr());
    }
    return o.stdout();
  }

  Output run(byte[] stdin, String... args) throws GitException {
    List<String> command = command(args);
    Process p = start(command);
    CompletableFuture<byte[]> out = drain(p.getInputStream());
    CompletableFuture<byte[]> err = drain(p.getErrorStream());
    try (OutputStream in = p.getOutputStream()) {
      if (stdin != null) {
        in.write(stdin);
      }
    } catch (IOException e) {
      // git stopped reading (it failed early); its exit code and stderr say why
    }
    int code = waitFor(p, command);
    return new Output(code, new String(out.join(), StandardCharsets.UTF_8), new String(err.join(), StandardCharsets.UTF_8));
  }

  /**
   * A started git whose stdout the caller reads (and whose stdin it writes, then closes);
   * stderr is collected on the side for {@link #finish}.
   */
  Started start(String... args) throws GitException {
    List<String> command = command(args);
    Process p = start(command);
    return new Started(p, command, drain(p.getErrorStream()));
  }

  /** A process from {@link #start}: read its stdout, then {@link #finish} it. */
  record Started(Process process, List<String> command, CompletableFuture<byte[]> stderr) {
    /** Waits for the end; any exit but 0 is a {@link GitException} with what git said. */
    void finish() throws GitException {
      int code = waitFor(process, command);
      if (code != 0) {
        throw new GitException(command, code, new String(stderr.join(), StandardCharsets.UTF_8));
      }
    }

    /** Ends a process whose remaining output is not wanted. */
    void abandon() {
      process.destroy();
    }
  }

  /**
   * {@code git first... | git second...} with {@code stdin} fed to the first: what the second
   * printed. The first's output streams through (it may be large) and is never held whole.
   */
  String pipe(byte[] stdin, List<String> first, List<String> second) throws GitException {
    List<String> c1 = command(first.toArray(new String[0]));
    List<String> c2 = command(second.toArray(new String[0]));
    Process p1 = start(c1);
    Process p2;
    try {
      p2 = start(c2);
    } catch (GitException e) {
      p1.destroy();
      throw e;
    }
    CompletableFuture<byte[]> err1 = drain(p1.getErrorStream());
    CompletableFuture<byte[]> err2 = drain(p2.getErrorStream());
    CompletableFuture<byte[]> out = drain(p2.getInputStream());
    CompletableFuture<Void> fed = feed(p1, stdin == null ? new byte[0] : stdin);
    CompletableFuture<Void> pumped = CompletableFuture.runAsync(() -> {
      try (InputStream from = p1.getInputStream(); OutputStream to = p2.getOutputStream()) {
        from.transferTo(to);
      } catch (IOException e) {
        // the second stopped reading; its exit code says why
      }
    }, READERS);
    int code1 = waitFor(p1, c1);
    fed.join();
    pumped.join();
    int code2 = waitFor(p2, c2);
    if (code1 != 0) {
      throw new GitException(c1, code1, new String(err1.join(), StandardCharsets.UTF_8));
    }
    if (code2 != 0) {
      throw new GitException(c2, code2, new String(err2.join(), StandardCharsets.UTF_8));
    }
    return new String(out.join(), StandardCharsets.UTF_8);
  }

  private Process start(List<String> command) throws GitException {
    ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile());
    Map<String, String> env = pb.environment();
    env.put("LC_ALL", "C");
    env.put("GIT_TERMINAL_PROMPT", "0");
    env.put("GIT_CONFIG_NOSYSTEM", "1");
    env.put("GIT_CONFIG_GLOBAL", "/dev/null");
    env.put("GIT_PAGER", "cat");
    env.put("GIT_COMMITTER_NAME", identity.name());
    env.put("GIT_COMMITTER_EMAIL", identity.email());
    if (!hiddenConfig.isEmpty()) {
      int i = 0;
      for (Map.Entry<String, String> c : new TreeMap<>(hiddenConfig).entrySet()) {
        env.put("GIT_CONFIG_KEY_" + i, c.getKey());
        env.put("GIT_CONFIG_VALUE_" + i, c.getValue());
        i++;
      }
      env.put("GIT_CONFIG_COUNT", Integer.toString(i));
    }
    try {
      return pb.start();
    } catch (IOException e) {
      throw new GitException(command, -1, "cannot run git: " + e.getMessage());
    }
  }

  private static int waitFor(Process p, List<String> command) throws GitException {
    try {
      if (!p.waitFor(TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new GitException(command, -1, "timed out after " + TIMEOUT.toMinutes() + " minutes");
      }
      return p.exitValue();
    } catch (InterruptedException e) {
      p.destroyForcibly();
      Thread.currentThread().interrupt();
      throw new GitException(command, -1, "interrupted");
    }
  }

  static List<String> command(String... args) {
    List<String> c = new ArrayList<>(args.length + 1);
    c.add("git");
    c.addAll(Arrays.asList(args));
    return c;
  }

  /**
   * Reads a stream to its end on a thread of its own: stdout and stderr must be read at once, or
   * git blocks on a full pipe; the common pool may have a single thread on a small machine.
   */
  static CompletableFuture<byte[]> drain(InputStream s) {
    return CompletableFuture.supplyAsync(() -> {
      try (InputStream in = s) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        in.transferTo(b);
        return b.toByteArray();
      } catch (IOException e) {
        return new byte[0];
      }
    }, READERS);
  }

  /** Writes {@code stdin} to a started process on a reader thread, so the caller can read its stdout meanwhile. */
  static CompletableFuture<Void> feed(Process p, byte[] stdin) {
    return CompletableFuture.runAsync(() -> {
      try (OutputStream in = p.getOutputStream()) {
        in.write(stdin);
      } catch (IOException e) {
        // git stopped reading (it failed or was abandoned); its exit code says why
      }
    }, READERS);
  }
}
