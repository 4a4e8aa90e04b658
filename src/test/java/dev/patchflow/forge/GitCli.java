package dev.patchflow.forge;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs the real git for the fake and the tests, with no user configuration. */
final class GitCli {
  record Result(int code, String out) {}

  private GitCli() {}

  /** Runs git and returns its output; fails when git does. */
  static String git(Path dir, String... args) {
    Result r = run(dir, args);
    if (r.code() != 0) {
      throw new IllegalStateException("git " + String.join(" ", args) + " failed: " + r.out());
    }
    return r.out().strip();
  }

  static Result run(Path dir, String... args) {
    List<String> c = new ArrayList<>(List.of("git"));
    c.addAll(List.of(args));
    try {
      ProcessBuilder pb = new ProcessBuilder(c).directory(dir.toFile()).redirectErrorStream(true);
      Map<String, String> env = pb.environment();
      env.put("GIT_CONFIG_GLOBAL", "/dev/null");
      env.put("GIT_CONFIG_NOSYSTEM", "1");
      env.put("GIT_AUTHOR_NAME", "Ada Lovelace");
      env.put("GIT_AUTHOR_EMAIL", "ada@example.org");
      env.put("GIT_COMMITTER_NAME", "Ada Lovelace");
      env.put("GIT_COMMITTER_EMAIL", "ada@example.org");
      env.put("LC_ALL", "C");
      Process p = pb.start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!p.waitFor(60, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new IllegalStateException("git " + c + " timed out");
      }
      return new Result(p.exitValue(), out);
    } catch (IOException e) {
      throw new IllegalStateException("cannot run git: " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
