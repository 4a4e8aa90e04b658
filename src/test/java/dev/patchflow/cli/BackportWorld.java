package dev.patchflow.cli;

import dev.patchflow.backport.KernelRepo;
import dev.patchflow.backport.pipeline.TinySpecs;
import dev.patchflow.forge.FakeGitHub;
import dev.patchflow.forge.FakeRepo;
import dev.patchflow.testing.Sh;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A test-built kernel repository, a tiny packaging tree on the fake GitHub, and configs for
 * them: what the unattended-run tests share. March 2025 holds three fixes the 6.1 line needs.
 */
final class BackportWorld implements AutoCloseable {
  final Path dir;
  final KernelRepo k;
  final FakeGitHub github;
  final FakeRepo photon;

  BackportWorld(Path dir) throws Exception {
    this.dir = dir;
    k = new KernelRepo(Files.createDirectories(dir.resolve("k")));
    github = new FakeGitHub();
    github.addToken("t0ken", "backport-bot");
    photon = github.createRepo("example", "photon");
    Path tree = Files.createDirectories(dir.resolve("pkg/SPECS/tiny"));
    Files.writeString(tree.resolve("linux.spec"), TinySpecs.spec("tiny-linux", "true"));
    Sh.git(dir.resolve("pkg"), "init", "-q", "-b", "5.0");
    Sh.git(dir.resolve("pkg"), "add", "-A");
    Sh.git(dir.resolve("pkg"), "commit", "-q", "-m", "tree");
    Sh.git(dir.resolve("pkg"), "push", "-q", photon.url(), "5.0");
  }

  /** patchflow.yaml with a backport: section: runs in NAME-runs, clones in NAME-work; {@code extra} keys are added. */
  Path config(String name, String extra) throws Exception {
    Path c = dir.resolve(name + ".yaml");
    Files.writeString(c, """
        backport:
          upstream: %s
          upstream_rev: master
          log_dir: %s
          work_dir: %s
        %s  github: {api_url: "%s", token: t0ken}
          changelog: {author: "Kernel Bot <kbot@example.org>"}
          kernels:
            - kernel: "6.1"
              repo: example/photon
              git_url: %s
              branch: "5.0"
              spec_dir: SPECS/tiny
              specs: {base: linux.spec}
              stable_branch: linux-6.1.y
        """.formatted(k.repo, runs(name), dir.resolve(name + "-work"), extra, github.uri(), photon.url()));
    return c;
  }

  Path runs(String name) {
    return dir.resolve(name + "-runs");
  }

  long pullRequestsOpened() {
    return github.requests().stream().filter(q -> q.method().equals("POST") && q.path().endsWith("/pulls")).count();
  }

  @Override
  public void close() {
    github.close();
  }
}
