package dev.patchflow.git;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * Git verbs over many commits at once: each is one git process (or one pipe of two) whatever
 * the number of commits, because a process per commit is what makes a scan of kernel history
 * slow. Get one from {@link Git#batch()}.
 */
public final class Batch {
  private static final String LOG_FORMAT = "--format=%H%x00%at%x00%ct%x00%s%x00%B%x1e";

  private final GitProcess process;

  Batch(GitProcess process) {
    this.process = process;
  }

  /**
   * Streams {@code git log --no-color [args]}: each commit goes to {@code each} as it is read,
   * so the whole output is never held. {@code args} are revisions, ranges and limits such as
   * {@code --no-merges}, {@code --since=...}.
   */
  public void log(List<String> args, Consumer<Commit> each) throws GitException {
    List<String> argv = new ArrayList<>(List.of("log", "--no-color", LOG_FORMAT));
    argv.addAll(args);
    GitProcess.Started p = process.start(argv.toArray(new String[0]));
    try {
      p.process().getOutputStream().close();
      RecordReader records = new RecordReader(p.process().getInputStream(), (byte) 0x1e);
      String r;
      while ((r = records.next()) != null) {
        each.accept(commit(r));
      }
    } catch (IOException e) {
      p.abandon();
      throw new GitException(p.command(), -1, "reading git log: " + e.getMessage());
    } catch (RuntimeException e) {
      p.abandon();
      throw e;
    }
    p.finish();
  }

  private static Commit commit(String record) {
    String[] f = record.split("\u0000", 5);
    return new Commit(new CommitId(f[0]), Instant.ofEpochSecond(Long.parseLong(f[1])),
        Instant.ofEpochSecond(Long.parseLong(f[2])), f[3], f.length > 4 ? f[4] : "");
  }

  /**
   * The commits these names (full or abbreviated ids, refs) stand for; names that are missing,
   * ambiguous or not commits are absent from the map.
   */
  public Map<String, CommitId> resolve(Collection<String> names) throws GitException {
    List<String> in = names.stream().distinct().filter(n -> !n.isBlank() && !n.contains("\n")).toList();
    Map<String, CommitId> out = new LinkedHashMap<>();
    if (in.isEmpty()) {
      return out;
    }
    String stdout = process.ok(lines(in), "cat-file", "--batch-check=%(objectname) %(objecttype)");
    List<String> answers = stdout.lines().toList();
    for (int i = 0; i < in.size() && i < answers.size(); i++) {
      String[] f = answers.get(i).split(" ");
      if (f.length == 2 && f[1].equals("commit")) {
        out.put(in.get(i), new CommitId(f[0]));
      }
    }
    return out;
  }

  /**
   * Which of {@code commits} are reachable from {@code tip} (the tip itself included): one
   * {@code rev-list} of what they reach that the tip does not, so the history below the tip is
   * walked once for all of them rather than once each.
   */
  public Set<CommitId> reachableFrom(CommitId tip, Collection<CommitId> commits) throws GitException {
    Set<CommitId> pending = new LinkedHashSet<>(commits);
    if (pending.isEmpty()) {
      return Set.of();
    }
    List<String> in = new ArrayList<>();
    pending.forEach(c -> in.add(c.sha()));
    in.add("^" + tip.sha());
    GitProcess.Started p = process.start("rev-list", "--stdin");
    CompletableFuture<Void> fed = GitProcess.feed(p.process(), lines(in));
    Set<String> wanted = new HashSet<>();
    pending.forEach(c -> wanted.add(c.sha()));
    Set<String> outside = new HashSet<>();
    try {
      RecordReader out = new RecordReader(p.process().getInputStream(), (byte) '\n');
      String line;
      while ((line = out.next()) != null && outside.size() < wanted.size()) {
        if (wanted.contains(line)) {
          outside.add(line);
        }
      }
    } catch (IOException e) {
      p.abandon();
      throw new GitException(p.command(), -1, "reading git rev-list: " + e.getMessage());
    }
    fed.join();
    if (outside.size() == wanted.size()) {
      p.abandon();  // every commit is outside: the rest of the walk is not needed
    } else {
      p.finish();
    }
    pending.removeIf(c -> outside.contains(c.sha()));
    return pending;
  }

  /**
   * The stable patch-id of each commit's diff (commits without a diff, such as merges or empty
   * commits, are absent): {@code git log -p --no-walk --stdin | git patch-id --stable}.
   */
  public Map<CommitId, String> patchIds(Collection<CommitId> commits) throws GitException {
    if (commits.isEmpty()) {
      return Map.of();
    }
    List<String> shas = commits.stream().map(CommitId::sha).distinct().toList();
    String out = process.pipe(lines(shas),
        List.of("log", "-p", "--no-walk=unsorted", "--stdin", "--no-color", "--no-ext-diff", "--format=commit %H"),
        List.of("patch-id", "--stable"));
    return ids(out);
  }

  /**
   * The stable patch-id of each diff text (a patch file's diff part, keyed by the caller's
   * name): one {@code git patch-id --stable} for all. Texts without a diff are absent.
   */
  public Map<String, String> patchIdsOfDiffs(Map<String, String> diffs) throws GitException {
    if (diffs.isEmpty()) {
      return Map.of();
    }
    // patch-id keys each diff by the commit line before it; a made-up id per text stands in.
    List<String> keys = new ArrayList<>(diffs.keySet());
    StringBuilder in = new StringBuilder();
    for (int i = 0; i < keys.size(); i++) {
      in.append("commit ").append(String.format("%040x", i + 1)).append('\n')
          .append(diffs.get(keys.get(i))).append('\n');
    }
    Map<CommitId, String> ids = ids(process.ok(in.toString().getBytes(StandardCharsets.UTF_8), "patch-id", "--stable"));
    Map<String, String> out = new LinkedHashMap<>();
    // A text holding several patches ("From <id>" lines of its own) yields ids not ours: skipped.
    Map<String, Integer> index = new java.util.HashMap<>();
    for (int i = 0; i < keys.size(); i++) {
      index.put(String.format("%040x", i + 1), i);
    }
    ids.forEach((id, patchId) -> {
      Integer i = index.get(id.sha());
      if (i != null) {
        out.put(keys.get(i), patchId);
      }
    });
    return out;
  }

  private static Map<CommitId, String> ids(String out) {
    Map<CommitId, String> ids = new LinkedHashMap<>();
    for (String line : out.lines().toList()) {
      String[] f = line.strip().split(" ");
      if (f.length == 2) {
        ids.put(new CommitId(f[1]), f[0]);
      }
    }
    return ids;
  }

  /**
   * Touched paths of commits handed over one at a time while something else is still running
   * (a streamed log): {@code git diff-tree --stdin} works through them on its own core as they
   * come, so their paths are ready soon after the last one is added.
   */
  public PathFeed pathFeed() throws GitException {
    GitProcess.Started p = process.start("diff-tree", "--stdin", "-r", "--root", "--no-renames", "--name-only",
        "--no-color", "--format=%x1e%H");
    return new PathFeed(p, GitProcess.drain(p.process().getInputStream()));
  }

  /** See {@link #pathFeed()}: {@link #add} commits, then {@link #paths()} once. */
  public static final class PathFeed {
    private final GitProcess.Started process;
    private final CompletableFuture<byte[]> stdout;
    private final java.io.OutputStream stdin;

    PathFeed(GitProcess.Started process, CompletableFuture<byte[]> stdout) {
      this.process = process;
      this.stdout = stdout;
      this.stdin = process.process().getOutputStream();
    }

    public void add(CommitId commit) throws GitException {
      try {
        stdin.write((commit.sha() + "\n").getBytes(StandardCharsets.US_ASCII));
        stdin.flush();
      } catch (IOException e) {
        process.abandon();
        throw new GitException(process.command(), -1, "writing to git diff-tree: " + e.getMessage());
      }
    }

    /** The paths of every commit added (first-parent diff; a root commit's whole tree). */
    public Map<CommitId, List<String>> paths() throws GitException {
      try {
        stdin.close();
      } catch (IOException e) {
        // git stopped reading; its exit code says why
      }
      process.finish();
      Map<CommitId, List<String>> out = new LinkedHashMap<>();
      for (String r : new String(stdout.join(), StandardCharsets.UTF_8).split("\u001e")) {
        List<String> l = r.lines().map(String::strip).filter(x -> !x.isEmpty()).toList();
        if (!l.isEmpty()) {
          out.put(new CommitId(l.get(0)), List.copyOf(l.subList(1, l.size())));
        }
      }
      return out;
    }

    /** Ends the process when its answer is no longer wanted (the scan failed). */
    public void abandon() {
      process.abandon();
    }
  }

  private static byte[] lines(List<String> lines) {
    return (String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8);
  }
}
