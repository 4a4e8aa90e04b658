package dev.patchflow.intake.publicinbox;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/** The few git questions an epoch is asked, each answered by the real {@code git} binary. */
final class EpochGit {
  private final Path repo;

  EpochGit(Path repo) {
    this.repo = repo;
  }

  /** The newest commit of the epoch's branch, or empty for an epoch with no commits yet. */
  Optional<String> tip() throws IOException {
    // public-inbox writes to master whatever HEAD says; HEAD covers mirrors that renamed it.
    for (String ref : List.of("refs/heads/master^{commit}", "HEAD^{commit}")) {
      Result r = run("rev-parse", "--verify", "-q", ref);
      if (r.exit() == 0) {
        return Optional.of(r.out().trim());
      }
    }
    return Optional.empty();
  }

  /** Whether {@code older} is in the history of {@code newer}; false also when it is gone. */
  boolean isAncestor(String older, String newer) throws IOException {
    Result r = run("merge-base", "--is-ancestor", older, newer);
    if (r.exit() > 1 && !r.err().contains("Not a valid commit") && !r.err().contains("not a valid object")
        && !r.err().contains("no such commit")) {
      throw new IOException(describe(List.of("merge-base", "--is-ancestor", older, newer), r));
    }
    return r.exit() == 0;
  }

  /** git with this repository, and its mirrors may belong to another user (a grokmirror account). */
  List<String> command(String... args) {
    List<String> cmd = new ArrayList<>(List.of("git", "-c", "safe.directory=*", "--git-dir=" + repo));
    cmd.addAll(List.of(args));
    return cmd;
  }

  private record Result(int exit, String out, String err) {}

  private Result run(String... args) throws IOException {
    Process p = new ProcessBuilder(command(args)).start();
    p.getOutputStream().close();
    // Only small answers come back here, so reading one stream after the other cannot stall.
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    try {
      if (!p.waitFor(60, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new IOException("git " + String.join(" ", args) + " in " + repo + " did not finish");
      }
    } catch (InterruptedException e) {
      p.destroyForcibly();
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    }
    return new Result(p.exitValue(), out, err);
  }

  private String describe(List<String> args, Result r) {
    return "git " + String.join(" ", args) + " in " + repo + " failed (exit " + r.exit() + "): " + r.err().trim();
  }
}
