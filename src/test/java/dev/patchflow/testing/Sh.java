package dev.patchflow.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs git (and friends: rpmspec, rpmbuild) in tests, the way a developer would at a shell,
 * with no user or system git configuration and a fixed identity and locale.
 */
public final class Sh {
  /** How a program ended and what it printed (stdout and stderr together). */
  public record Result(int code, String out) {}

  private Sh() {}

  /** Runs git; fails the test when git fails. */
  public static String git(Path dir, String... args) {
    return ok(dir, Map.of(), git(args));
  }

  /** Runs git with extra environment (e.g. GIT_AUTHOR_DATE); fails the test when git fails. */
  public static String git(Path dir, Map<String, String> env, String... args) {
    return ok(dir, env, git(args));
  }

  /** Runs a program; fails the test when it fails. */
  public static String run(Path dir, List<String> command) {
    return ok(dir, Map.of(), command);
  }

  private static String ok(Path dir, Map<String, String> env, List<String> command) {
    Result r = result(dir, env, command);
    assertThat(r.code()).as("%s failed: %s", command, r.out()).isZero();
    return r.out();
  }

  /** Runs a program and says how it ended, whatever that was. */
  public static Result result(Path dir, Map<String, String> extraEnv, List<String> command) {
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
      env.putAll(extraEnv);
      Process p = pb.start();
      p.getOutputStream().close();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertThat(p.waitFor(120, TimeUnit.SECONDS)).as("%s finished", command).isTrue();
      return new Result(p.exitValue(), out);
    } catch (IOException e) {
      throw new AssertionError(command + ": " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  private static List<String> git(String... args) {
    List<String> c = new ArrayList<>(List.of("git"));
    c.addAll(List.of(args));
    return c;
  }
}
