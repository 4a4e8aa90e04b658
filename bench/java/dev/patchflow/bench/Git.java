package dev.patchflow.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Runs the real git binary in one repository. The user's and the system's git config are kept
 * out (a format.signature or format.coverLetter setting there would change the corpus), and
 * git's stderr goes straight to ours.
 */
final class Git {
  private final Path dir;

  Git(Path dir) {
    this.dir = dir;
  }

  static Git init(Path dir) throws IOException {
    Git git = new Git(dir);
    git.run(Map.of(), "init", "-q", "-b", "main", ".");
    return git;
  }

  Path dir() {
    return dir;
  }

  ProcessBuilder builder(Map<String, String> env, List<String> args) {
    List<String> argv = new ArrayList<>();
    argv.add("git");
    argv.addAll(args);
    ProcessBuilder pb = new ProcessBuilder(argv).directory(dir.toFile());
    Map<String, String> e = pb.environment();
    e.keySet().removeIf(k -> k.startsWith("GIT_"));
    e.put("GIT_CONFIG_NOSYSTEM", "1");
    e.put("GIT_CONFIG_GLOBAL", "/dev/null");
    e.put("LC_ALL", "C");
    e.putAll(env);
    pb.redirectError(ProcessBuilder.Redirect.INHERIT);
    return pb;
  }

  /** Runs git and returns its stdout; a non-zero exit is an IOException naming the command. */
  String run(Map<String, String> env, String... args) throws IOException {
    Process p = builder(env, List.of(args)).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
    byte[] out = p.getInputStream().readAllBytes();
    check(p, List.of(args));
    return new String(out, StandardCharsets.UTF_8);
  }

  static void check(Process p, List<String> args) throws IOException {
    try {
      int rc = p.waitFor();
      if (rc != 0) {
        throw new IOException("git " + String.join(" ", args) + " exited with " + rc);
      }
    } catch (InterruptedException e) {
      p.destroy();
      Thread.currentThread().interrupt();
      throw new IOException("interrupted: git " + String.join(" ", args), e);
    }
  }
}
