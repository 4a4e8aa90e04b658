package dev.patchflow.git;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The git binary in one repository or work tree: the verbs Patchflow uses, with typed results.
 * Always the real git (the semantics of `git am -3` are what kernel developers rely on), started
 * by {@link GitProcess} with a fixed environment. Verbs over many commits at once live in
 * {@link Batch}: one process for all of them, never one per commit.
 */
public final class Git {
  private final Path dir;
  private final Identity identity;
  private final Map<String, String> hiddenConfig;
  private final GitProcess process;

  /** Who commits (the committer of applied patches; authors come from the mail). */
  public record Identity(String name, String email) {
    public static final Identity PATCHFLOW = new Identity("Patchflow", "patchflow@localhost");
  }

  public Git(Path dir, Identity identity) {
    this(dir, identity, Map.of());
  }

  private Git(Path dir, Identity identity, Map<String, String> hiddenConfig) {
    this.dir = dir;
    this.identity = identity;
    this.hiddenConfig = Map.copyOf(hiddenConfig);
    this.process = new GitProcess(dir, identity, hiddenConfig);
  }

  /**
   * This repository with extra configuration passed through the environment, never on the
   * command line: a credential header (http.extraHeader) must not show in `ps` or in a
   * {@link GitException}'s command.
   */
  public Git withHiddenConfig(Map<String, String> config) {
    return new Git(dir, identity, config);
  }

  public Git(Path dir) {
    this(dir, Identity.PATCHFLOW);
  }

  public Path dir() {
    return dir;
  }

  /** The verbs over many commits at once, each one git process (or one pipe) for all of them. */
  public Batch batch() {
    return new Batch(process);
  }

  /** A new repository at {@code dir} (bare or with a work tree). */
  public static Git init(Path dir, boolean bare) throws GitException {
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Git g = new Git(dir);
    List<String> args = new ArrayList<>(List.of("init", "-q", "-b", "main"));
    if (bare) {
      args.add("--bare");
    }
    g.ok(null, args.toArray(new String[0]));
    return g;
  }

  /** Fetches {@code refspec} from {@code url}, moving local refs even when not fast-forward. */
  public void fetch(String url, String refspec) throws GitException {
    ok(null, "fetch", "-q", "--no-tags", "--force", url, refspec);
  }

  /** The commit a revision names, if it exists. */
  public Optional<CommitId> resolve(String rev) throws GitException {
    GitProcess.Output o = run(null, "rev-parse", "-q", "--verify", rev + "^{commit}");
    return o.code() == 0 ? Optional.of(new CommitId(o.stdout().strip())) : Optional.empty();
  }

  /** Sets a ref (a tag, a branch) to a commit. */
  public void updateRef(String ref, CommitId to) throws GitException {
    ok(null, "update-ref", ref, to.sha());
  }

  public void deleteRef(String ref) throws GitException {
    ok(null, "update-ref", "-d", ref);
  }

  /** Pushes refspecs (forced with a leading '+') to a remote. */
  public void push(String url, List<String> refspecs) throws GitException {
    List<String> args = new ArrayList<>(List.of("push", "-q", "--porcelain", url));
    args.addAll(refspecs);
    ok(null, args.toArray(new String[0]));
  }

  /** Adds a work tree of this repository at {@code where}, detached at {@code at}. */
  public Git addWorktree(Path where, CommitId at) throws GitException {
    ok(null, "worktree", "add", "-q", "-f", "--detach", where.toString(), at.sha());
    return new Git(where, identity, hiddenConfig);
  }

  /** Forgets work trees whose directories are gone (after a crash, say). */
  public void pruneWorktrees() throws GitException {
    ok(null, "worktree", "prune");
  }

  /** In a work tree: a clean checkout of {@code at}, whatever state an earlier run left. */
  public void resetTo(CommitId at) throws GitException {
    GitProcess.Output inAm = run(null, "rev-parse", "--git-path", "rebase-apply");
    if (inAm.code() == 0 && Files.isDirectory(dir.resolve(inAm.stdout().strip()))) {
      run(null, "am", "--abort");
    }
    ok(null, "checkout", "-q", "-f", "--detach", at.sha());
    ok(null, "clean", "-q", "-f", "-d", "-x");
  }

  /**
   * In a work tree known to be clean (the last am succeeded or was aborted): a checkout of
   * {@code at}, which touches only the files that differ.
   */
  public void checkout(CommitId at) throws GitException {
    ok(null, "checkout", "-q", "-f", "--detach", at.sha());
  }

  /**
   * In a work tree checked out at {@code before}: applies an mbox with `git am` (three-way when
   * asked). On failure the conflict is described and the am session aborted, so the work tree
   * is back at its start.
   */
  public AmResult am(byte[] mbox, boolean threeWay, CommitId before) throws GitException {
    return am(mbox, threeWay, before, 1);
  }

  /** {@link #am(byte[], boolean, CommitId)} with the {@code -p} level of the patches' paths. */
  public AmResult am(byte[] mbox, boolean threeWay, CommitId before, int strip) throws GitException {
    List<String> args = new ArrayList<>(List.of("am", "-q", "--no-rerere-autoupdate"));
    if (threeWay) {
      args.add("-3");
    }
    if (strip != 1) {
      args.add("-p" + strip);
    }
    GitProcess.Output o = run(mbox, args.toArray(new String[0]));
    if (o.code() == 0) {
      return new AmResult.Applied(commitsSince(before));
    }
    Path state = dir.resolve(ok(null, "rev-parse", "--git-path", "rebase-apply").strip());
    if (!Files.isDirectory(state)) {
      throw new GitException(List.of("git", "am"), o.code(), o.stderr() + o.stdout());
    }
    int index = number(state.resolve("next"));
    String subject = firstLine(state.resolve("final-commit"));
    List<String> paths = lines(ok(null, "diff", "--name-only", "--diff-filter=U"));
    String hunks = paths.isEmpty() ? "" : ok(null, "diff", "--no-color", "--no-ext-diff");
    run(null, "am", "--abort");
    return new AmResult.Conflict(index, subject, paths, (o.stdout() + o.stderr()).strip(), hunks);
  }

  /**
   * In a work tree: applies a diff to the files and the index with `git apply` (all of it or
   * nothing). Empty when it applied, else what git said.
   */
  public Optional<String> applyToIndex(byte[] diff, int strip) throws GitException {
    GitProcess.Output o = run(diff, "apply", "--index", "--whitespace=nowarn", "-p" + strip);
    return o.code() == 0 ? Optional.empty() : Optional.of((o.stderr() + o.stdout()).strip());
  }

  /** In a work tree: commits the index, authored and committed by this repository's identity. */
  public CommitId commitIndex(String message) throws GitException {
    ok(message.getBytes(StandardCharsets.UTF_8), "-c", "user.name=" + identity.name(), "-c", "user.email=" + identity.email(),
        "commit", "-q", "--no-verify", "-F", "-");
    return resolve("HEAD").orElseThrow();
  }

  /** In a work tree: gives HEAD a new message, keeping its author and tree. */
  public CommitId amendMessage(String message) throws GitException {
    ok(message.getBytes(StandardCharsets.UTF_8), "commit", "-q", "--amend", "--no-verify", "--allow-empty", "-F", "-");
    return resolve("HEAD").orElseThrow();
  }

  /** The whole message of a commit. */
  public String message(CommitId commit) throws GitException {
    return ok(null, "log", "-1", "--no-color", "--format=%B", commit.sha());
  }

  /** Removes a work tree added with {@link #addWorktree}, whatever its state. */
  public void removeWorktree(Path where) throws GitException {
    ok(null, "worktree", "remove", "--force", where.toString());
  }

  /** Commits in {@code since..HEAD}, oldest first. */
  public List<CommitId> commitsSince(CommitId since) throws GitException {
    return lines(ok(null, "rev-list", "--reverse", since.sha() + "..HEAD")).stream().map(CommitId::new).toList();
  }

  /** The commits of a range (e.g. "a..b"), oldest first, with their whole messages. */
  public List<LogEntry> log(String range) throws GitException {
    return entries(ok(null, "log", "--reverse", "--no-color", "--format=%H%x00%s%x00%B%x1e", range));
  }

  /** The newest {@code count} commits reachable from {@code head}, oldest first. */
  public List<LogEntry> lastCommits(CommitId head, int count) throws GitException {
    return entries(ok(null, "log", "--reverse", "--no-color", "-n", Integer.toString(count),
        "--format=%H%x00%s%x00%B%x1e", head.sha()));
  }

  private static List<LogEntry> entries(String out) {
    List<LogEntry> entries = new ArrayList<>();
    for (String record : out.split("\u001e")) {
      String r = record.stripLeading();
      if (r.isEmpty()) {
        continue;
      }
      String[] f = r.split("\u0000", 3);
      entries.add(new LogEntry(new CommitId(f[0]), f[1], f.length > 2 ? f[2] : ""));
    }
    return entries;
  }

  /** The diff a commit makes against its first parent, as a patch mail carries it. */
  public String diffOf(CommitId commit) throws GitException {
    return ok(null, "show", "--no-color", "--no-ext-diff", "--format=", "--full-index", commit.sha());
  }

  /** The heads a remote has for these refs (missing refs are absent), without fetching. */
  public Map<String, CommitId> lsRemote(String url, List<String> refs) throws GitException {
    List<String> args = new ArrayList<>(List.of("ls-remote", "--refs", url));
    args.addAll(refs);
    Map<String, CommitId> heads = new java.util.LinkedHashMap<>();
    for (String line : lines(ok(null, args.toArray(new String[0])))) {
      String[] f = line.split("\\s+", 2);
      if (f.length == 2) {
        heads.put(f[1], new CommitId(f[0]));
      }
    }
    return heads;
  }

  /** The tree a commit records. */
  public String treeOf(CommitId commit) throws GitException {
    return ok(null, "rev-parse", commit.sha() + "^{tree}").strip();
  }

  /** The parents of a commit, first parent first. */
  public List<CommitId> parents(CommitId commit) throws GitException {
    String[] f = ok(null, "rev-list", "--parents", "-n", "1", commit.sha()).strip().split(" ");
    return Arrays.stream(f).skip(1).map(CommitId::new).toList();
  }

  /**
   * In a work tree: the tree of {@code base} with every file of {@code overlay} laid over it (added
   * or replaced; files only in {@code base} stay), written to the object store. The work tree is
   * left at {@code base} with the overlay staged.
   */
  public String overlayTree(CommitId base, CommitId overlay) throws GitException {
    resetTo(base);
    ok(null, "checkout", "-q", overlay.sha(), "--", ".");
    return ok(null, "write-tree").strip();
  }

  /** A commit of {@code tree} on {@code parent}, authored and committed by this repository's identity. */
  public CommitId commitTree(String tree, CommitId parent, String message) throws GitException {
    String sha = ok(message.getBytes(StandardCharsets.UTF_8), "-c", "user.name=" + identity.name(),
        "-c", "user.email=" + identity.email(), "commit-tree", tree, "-p", parent.sha()).strip();
    return new CommitId(sha);
  }

  /**
   * The stable patch-id of each commit of a range, oldest first: equal for the same change
   * whatever the line numbers, so a series rebased onto a newer base keeps its ids.
   */
  public List<String> patchIds(String range) throws GitException {
    List<String> ids = new ArrayList<>();
    for (LogEntry e : log(range)) {
      String out = ok(ok(null, "show", "--no-color", "--no-ext-diff", "--format=", e.id().sha())
          .getBytes(StandardCharsets.UTF_8), "patch-id", "--stable");
      ids.add(out.isBlank() ? "" : out.strip().split(" ")[0]);
    }
    return ids;
  }

  /** Whether {@code ancestor} is reachable from {@code descendant}. */
  public boolean isAncestor(CommitId ancestor, CommitId descendant) throws GitException {
    return run(null, "merge-base", "--is-ancestor", ancestor.sha(), descendant.sha()).code() == 0;
  }

  // ---- verbs of the backport pipeline: packaging clones, kernel source checks, commits ----

  /** Clones {@code branch} of {@code url} into {@code dir} (a new work tree). */
  public static Git cloneBranch(String url, String branch, Path dir, Identity identity, Map<String, String> hiddenConfig)
      throws GitException {
    Path parent = dir.toAbsolutePath().getParent();
    try {
      Files.createDirectories(parent);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    new GitProcess(parent, identity, hiddenConfig).ok(null, "clone", "-q", "--no-tags", "--branch", branch, "--", url,
        dir.toAbsolutePath().toString());
    return new Git(dir, identity, hiddenConfig);
  }

  /** A bare mirror of {@code url} at {@code dir}: every branch and tag, updated by {@link #fetchMirror}. */
  public static Git cloneMirror(String url, Path dir) throws GitException {
    Path parent = dir.toAbsolutePath().getParent();
    try {
      Files.createDirectories(parent);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    new GitProcess(parent, Identity.PATCHFLOW, Map.of()).ok(null, "clone", "-q", "--mirror", "--", url,
        dir.toAbsolutePath().toString());
    return new Git(dir);
  }

  /** In a mirror: every branch and tag as the remote has them now. */
  public void fetchMirror() throws GitException {
    ok(null, "fetch", "-q", "--prune", "--tags", "origin");
  }

  /**
   * Adds a work tree of this repository at {@code where} without checking out any file; with
   * {@link #readTree} and {@link #applyCheck} a patch is checked against a kernel tree without
   * writing its 80,000 files.
   */
  public Git addBareWorktree(Path where, CommitId at) throws GitException {
    ok(null, "worktree", "add", "-q", "-f", "--no-checkout", "--detach", where.toString(), at.sha());
    return new Git(where, identity, hiddenConfig);
  }

  /** Points HEAD at {@code at} and loads its tree into the index only (the files are not touched). */
  public void readTree(CommitId at) throws GitException {
    ok(null, "update-ref", "--no-deref", "HEAD", at.sha());
    ok(null, "read-tree", at.sha());
  }

  /**
   * Whether a patch (mbox or plain diff) applies to the index, changing nothing: {@code git
   * apply --check --cached}. A patch that does not apply is a result, not an exception.
   */
  public ApplyCheckResult applyCheck(byte[] patch) throws GitException {
    GitProcess.Output o = run(patch, "apply", "--check", "--cached", "-v");
    return new ApplyCheckResult(o.code() == 0, (o.stdout() + o.stderr()).strip());
  }

  /** {@code commit} as {@code git format-patch} writes it, one mail. */
  public String formatPatch(CommitId commit) throws GitException {
    return ok(null, "format-patch", "-1", "--stdout", "--no-signature", "--full-index", commit.sha());
  }

  /** In a work tree: branch {@code branch} (created or reset) at {@code start}, checked out clean. */
  public void checkoutBranch(String branch, String start) throws GitException {
    ok(null, "checkout", "-q", "-f", "-B", branch, start);
    ok(null, "clean", "-q", "-f", "-d");
  }

  /** Stages every change under {@code path} (added, changed, removed files). */
  public void addAll(String path) throws GitException {
    ok(null, "add", "-A", "--", path);
  }

  /** Commits what is staged, authored and committed by this repository's identity. */
  public CommitId commit(String message) throws GitException {
    ok(message.getBytes(StandardCharsets.UTF_8), "-c", "user.name=" + identity.name(), "-c",
        "user.email=" + identity.email(), "commit", "-q", "--no-verify", "-F", "-");
    return resolve("HEAD").orElseThrow();
  }

  private static int number(Path file) {
    try {
      return Integer.parseInt(Files.readString(file).strip());
    } catch (IOException | NumberFormatException e) {
      return 0;
    }
  }

  private static String firstLine(Path file) {
    try {
      return Files.exists(file) ? Files.readString(file).lines().findFirst().orElse("") : "";
    } catch (IOException e) {
      return "";
    }
  }

  private static List<String> lines(String s) {
    return s.lines().map(String::strip).filter(l -> !l.isEmpty()).toList();
  }

  private String ok(byte[] stdin, String... args) throws GitException {
    return process.ok(stdin, args);
  }

  private GitProcess.Output run(byte[] stdin, String... args) throws GitException {
    return process.run(stdin, args);
  }
}
