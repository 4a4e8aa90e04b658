package dev.patchflow.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs git (and friends) in tests, the way a developer would at a shell; fails the test on an error. */
public final class Sh {
  private Sh() {}

  public static String git(Path dir, String... args) {
    List<String> c = new ArrayList<>(List.of("git"));
    c.addAll(List.of(args));
    return run(dir, c);
  }

  public static String run(Path dir, List<String> command) {
    try {
      ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true);
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
      assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
      assertThat(p.exitValue()).as("%s failed: %s", command, out).isZero();
      return out;
    } catch (IOException e) {
      throw new AssertionError(command + ": " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }
}
