package dev.patchflow.backport.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** Runs a real program (git, rpmspec) for the tests, with no user configuration. */
final class Cmd {
  record Result(int code, String out) {}

  private Cmd() {}

  static String ok(Path dir, String... command) {
    Result r = run(dir, command);
    assertThat(r.code()).as("%s: %s", List.of(command), r.out()).isZero();
    return r.out();
  }

  static Result run(Path dir, String... command) {
    try {
      ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true);
      Map<String, String> env = pb.environment();
      env.put("GIT_CONFIG_GLOBAL", "/dev/null");
      env.put("GIT_CONFIG_NOSYSTEM", "1");
      env.put("GIT_AUTHOR_NAME", "Pack Ager");
      env.put("GIT_AUTHOR_EMAIL", "pack@example.org");
      env.put("GIT_COMMITTER_NAME", "Pack Ager");
      env.put("GIT_COMMITTER_EMAIL", "pack@example.org");
      env.put("LC_ALL", "C");
      Process p = pb.start();
      p.getOutputStream().close();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      return new Result(p.waitFor(), out);
    } catch (IOException e) {
      throw new AssertionError(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  /** A new repository holding {@code tree} under {@code specDir} on {@code branch}, pushed to {@code url}. */
  static void publish(Path tree, Path work, String specDir, String branch, String url) throws IOException {
    Path repo = work.resolve("publish-" + branch);
    Path target = repo.resolve(specDir);
    java.nio.file.Files.createDirectories(target.getParent());
    java.nio.file.Files.move(tree, target);
    ok(repo, "git", "init", "-q", "-b", branch);
    ok(repo, "git", "add", "-A");
    ok(repo, "git", "commit", "-q", "-m", "packaging tree");
    ok(repo, "git", "push", "-q", url, branch);
  }
}
