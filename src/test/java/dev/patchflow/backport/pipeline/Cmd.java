package dev.patchflow.backport.pipeline;

import dev.patchflow.testing.Sh;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** Programs the pipeline tests run (git, rpmspec), and publishing a packaging tree. */
final class Cmd {
  private Cmd() {}

  static String ok(Path dir, String... command) {
    return Sh.run(dir, List.of(command));
  }

  static Sh.Result run(Path dir, String... command) {
    return Sh.result(dir, Map.of(), List.of(command));
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
