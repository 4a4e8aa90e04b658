package dev.patchflow.backport;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * An flock(2) lock on a file, for as long as this JVM wants it. Java's file locks are POSIX
 * record locks, which flock(2) does not see, and the installed run-now script (a shell script)
 * can take only flock locks: so a run started from Java also takes this one, through util-linux's
 * {@code flock} holding it around a {@code cat} that reads our pipe. Closing the pipe (or this JVM
 * dying, however it dies) ends the {@code cat} and with it the lock.
 */
final class FlockHold implements AutoCloseable {
  /** What we ask flock to exit with when another process holds the lock (it uses 1 for errors too). */
  private static final int HELD_ELSEWHERE = 75;
  private static final String READY = "held";

  private final Process holder;

  private FlockHold(Process holder) {
    this.holder = holder;
  }

  /** Whether {@code flock} is there to take the lock with; without it run-now cannot run either. */
  static boolean available() {
    for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(":")) {
      if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, "flock"))) {
        return true;
      }
    }
    return false;
  }

  /** Takes the lock, or returns empty when another process holds it. */
  static Optional<FlockHold> tryHold(Path file) throws IOException {
    // -o: only flock itself holds the lock, so it ends with flock, whatever becomes of the cat
    Process p = new ProcessBuilder("flock", "-n", "-o", "-E", String.valueOf(HELD_ELSEWHERE), file.toString(),
        "sh", "-c", "echo " + READY + " && exec cat >/dev/null")
        .redirectError(ProcessBuilder.Redirect.DISCARD).start();
    try (InputStream out = p.getInputStream()) {
      String first = new String(out.readNBytes(READY.length() + 1), StandardCharsets.US_ASCII);
      if (first.equals(READY + "\n")) {
        return Optional.of(new FlockHold(p));
      }
      int status = p.waitFor();
      if (status == HELD_ELSEWHERE) {
        return Optional.empty();
      }
      throw new IOException("flock " + file + " ended with status " + status);
    } catch (InterruptedException e) {
      p.destroyForcibly();
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while taking the lock on " + file, e);
    } catch (IOException e) {
      p.destroyForcibly();
      throw e;
    }
  }

  @Override
  public void close() throws IOException {
    holder.getOutputStream().close();
    try {
      if (!holder.waitFor(5, TimeUnit.SECONDS)) {
        holder.destroyForcibly();
      }
    } catch (InterruptedException e) {
      holder.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }
}
