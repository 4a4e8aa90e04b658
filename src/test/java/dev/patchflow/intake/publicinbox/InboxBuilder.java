package dev.patchflow.intake.publicinbox;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Writes a public-inbox v2 inbox with git plumbing, the way public-inbox lays it out: bare
 * repositories {@code git/N.git}, each commit on master holding one message as blob {@code m},
 * or no {@code m} when it removed one.
 */
final class InboxBuilder {
  private final Path inbox;

  InboxBuilder(Path inbox) {
    this.inbox = inbox;
  }

  Path dir() {
    return inbox;
  }

  Path epoch(int n) {
    return inbox.resolve("git").resolve(n + ".git");
  }

  /** Adds a commit holding {@code mail} to epoch {@code n} (made on first use); its id. */
  String add(int n, byte[] mail) {
    String blob = git(n, mail, "hash-object", "-w", "--stdin");
    String tree = git(n, ("100644 blob " + blob + "\tm\n").getBytes(StandardCharsets.US_ASCII), "mktree");
    return commit(n, tree, "m");
  }

  /** A commit that removes the message, as public-inbox records a deletion. */
  String delete(int n) {
    String tree = git(n, new byte[0], "mktree");
    return commit(n, tree, "d");
  }

  /** Replaces the epoch's history with one new root commit holding {@code mail}. */
  String rewrite(int n, byte[] mail) {
    String blob = git(n, mail, "hash-object", "-w", "--stdin");
    String tree = git(n, ("100644 blob " + blob + "\tm\n").getBytes(StandardCharsets.US_ASCII), "mktree");
    String c = git(n, "rewritten\n".getBytes(StandardCharsets.US_ASCII), "commit-tree", tree);
    git(n, new byte[0], "update-ref", "refs/heads/master", c);
    return c;
  }

  String tip(int n) {
    return git(n, new byte[0], "rev-parse", "refs/heads/master");
  }

  private String commit(int n, String tree, String message) {
    String parent = git(n, new byte[0], "for-each-ref", "--format=%(objectname)", "refs/heads/master");
    List<String> args = new ArrayList<>(List.of("commit-tree", tree));
    if (!parent.isEmpty()) {
      args.addAll(List.of("-p", parent));
    }
    String c = git(n, (message + "\n").getBytes(StandardCharsets.US_ASCII), args.toArray(String[]::new));
    git(n, new byte[0], "update-ref", "refs/heads/master", c);
    return c;
  }

  private String git(int n, byte[] stdin, String... args) {
    Path repo = epoch(n);
    try {
      if (!Files.isDirectory(repo)) {
        run(List.of("git", "init", "-q", "--bare", repo.toString()), new byte[0]);
        run(List.of("git", "--git-dir=" + repo, "symbolic-ref", "HEAD", "refs/heads/master"), new byte[0]);
      }
      List<String> cmd = new ArrayList<>(List.of("git", "--git-dir=" + repo));
      cmd.addAll(List.of(args));
      return run(cmd, stdin);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String run(List<String> cmd, byte[] stdin) throws IOException {
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.INHERIT);
    pb.environment().putAll(Map.of("GIT_AUTHOR_NAME", "archiver", "GIT_AUTHOR_EMAIL", "archiver@example.org",
        "GIT_COMMITTER_NAME", "archiver", "GIT_COMMITTER_EMAIL", "archiver@example.org"));
    Process p = pb.start();
    p.getOutputStream().write(stdin);
    p.getOutputStream().close();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
    try {
      if (p.waitFor() != 0) {
        throw new IOException(cmd + " failed with exit " + p.exitValue());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException(e);
    }
    return out;
  }
}
