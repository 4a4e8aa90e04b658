package dev.patchflow.backport;

import dev.patchflow.git.AmResult;
import dev.patchflow.git.CommitId;
import dev.patchflow.git.Git;
import dev.patchflow.git.GitException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * A spec's patch stack as a git branch on the kernel source: each applied Patch one commit, in
 * {@code %prep} order, so the stack can be reviewed and rebased with git. A mail-form patch goes
 * in with {@code git am} (its author, date and message kept); a bare diff with {@code git apply}
 * and a commit named after the file. Every commit carries a {@code PatchN: file} trailer.
 *
 * <p>The work happens in a separate work tree of the source repository (the caller's checkout is
 * never touched), and the branch is moved after each commit: when a patch does not apply, the
 * branch is left at the last one that did.
 */
public final class SpecToGit {
  private SpecToGit() {}

  /**
   * What to do.
   *
   * @param specDir the folder of the spec; patch files are found anywhere under it by name
   * @param base where the branch starts (e.g. the tag v6.1.138)
   * @param startFrom apply from this Patch number on (null: from the first); with an existing
   *     branch, continue on it
   * @param stopBefore stop before this Patch number (null: apply all)
   * @param force recreate the branch when it exists
   * @param worktree where to check out the work (null: a temporary folder, removed at the end);
   *     must not exist
   */
  public record Request(Path specDir, PatchStack stack, Path source, String base, String branch,
      Integer startFrom, Integer stopBefore, boolean force, Path worktree) {}

  /** One patch that went in, and the commits it made (several when the file holds several mails). */
  public record Applied(PatchStack.Entry entry, List<CommitId> commits, boolean mail) {}

  /** How it went; every case names the branch state a caller should report. */
  public sealed interface Outcome permits Completed, PatchFailed, Refused {}

  /** Every selected patch applied; {@code stoppedBefore} is the patch --stop-before named. */
  public record Completed(String branch, CommitId head, List<Applied> applied, Optional<PatchStack.Entry> stoppedBefore)
      implements Outcome {}

  /** {@code entry} did not apply; the branch is at {@code head}, the last good commit. */
  public record PatchFailed(String branch, CommitId head, List<Applied> applied, PatchStack.Entry entry, String reason)
      implements Outcome {}

  /** Nothing was done: a missing base, patch file or number, or an existing branch. */
  public record Refused(String reason) implements Outcome {}

  public static Outcome run(Request r) throws IOException, GitException {
    List<PatchStack.Entry> todo = new ArrayList<>(r.stack().inTree());
    Optional<PatchStack.Entry> stoppedBefore = Optional.empty();
    if (r.stopBefore() != null) {
      int at = indexOf(todo, r.stopBefore());
      if (at < 0) {
        return new Refused("Patch" + r.stopBefore() + " is not applied to the source tree by this spec");
      }
      stoppedBefore = Optional.of(todo.get(at));
      todo = new ArrayList<>(todo.subList(0, at));
    }
    if (r.startFrom() != null) {
      int at = indexOf(r.stack().inTree(), r.startFrom());
      if (at < 0) {
        return new Refused("Patch" + r.startFrom() + " is not applied to the source tree by this spec");
      }
      PatchStack.Entry first = r.stack().inTree().get(at);
      todo = todo.stream().filter(e -> r.stack().inTree().indexOf(e) >= at).toList();
      if (todo.isEmpty() && stoppedBefore.isPresent()) {
        return new Refused("--stop-before-patch " + stoppedBefore.get().number() + " comes before " + first.label());
      }
    }
    Map<PatchStack.Entry, Path> files = new HashMap<>();
    List<String> problems = locate(r.specDir(), todo, files);
    if (!problems.isEmpty()) {
      return new Refused(String.join("; ", problems));
    }
    Git repo = new Git(r.source());
    String ref = "refs/heads/" + r.branch();
    Optional<CommitId> existing = repo.resolve(ref);
    CommitId start;
    if (existing.isPresent() && r.startFrom() != null && !r.force()) {
      start = existing.get();
    } else if (existing.isPresent() && !r.force()) {
      return new Refused("branch " + r.branch() + " exists (give --force to recreate it, or --start-from-patch to continue it)");
    } else {
      Optional<CommitId> base = repo.resolve(r.base());
      if (base.isEmpty()) {
        return new Refused("base " + r.base() + " is not a commit in " + r.source());
      }
      start = base.get();
    }
    repo.updateRef(ref, start);
    Path tmp = r.worktree() == null ? Files.createTempDirectory("patchflow-spec2git") : null;
    Path where = r.worktree() != null ? r.worktree() : tmp.resolve("tree");
    Git tree = repo.addWorktree(where, start);
    try {
      return apply(r.branch(), ref, repo, tree, start, todo, files, stoppedBefore);
    } finally {
      if (tmp != null) {
        repo.removeWorktree(where);
        deleteTree(tmp);
      }
    }
  }

  private static Outcome apply(String branch, String ref, Git repo, Git tree, CommitId start, List<PatchStack.Entry> todo,
      Map<PatchStack.Entry, Path> files, Optional<PatchStack.Entry> stoppedBefore) throws IOException, GitException {
    CommitId head = start;
    List<Applied> done = new ArrayList<>();
    for (PatchStack.Entry e : todo) {
      byte[] bytes = Files.readAllBytes(files.get(e));
      String text = new String(bytes, StandardCharsets.UTF_8);
      String trailer = "Patch" + e.number() + ": " + e.file();
      List<CommitId> commits;
      boolean mail = isMail(text);
      if (mail) {
        AmResult am = tree.am(bytes, false, head, e.strip());
        if (am instanceof AmResult.Conflict c) {
          String paths = c.paths().isEmpty() ? "" : " (conflicts in " + String.join(", ", c.paths()) + ")";
          return new PatchFailed(branch, head, done, e, "git am: " + c.output() + paths);
        }
        commits = new ArrayList<>(((AmResult.Applied) am).commits());
        if (commits.isEmpty()) {
          return new PatchFailed(branch, head, done, e, "git am made no commit");
        }
        CommitId last = commits.get(commits.size() - 1);
        commits.set(commits.size() - 1, tree.amendMessage(withTrailer(tree.message(last), trailer)));
      } else {
        Optional<String> failed = tree.applyToIndex(bytes, e.strip());
        if (failed.isPresent()) {
          return new PatchFailed(branch, head, done, e, "git apply -p" + e.strip() + ": " + failed.get());
        }
        commits = List.of(tree.commitIndex(plainMessage(e.file(), text, trailer)));
      }
      head = commits.get(commits.size() - 1);
      repo.updateRef(ref, head);
      done.add(new Applied(e, List.copyOf(commits), mail));
    }
    return new Completed(branch, head, done, stoppedBefore);
  }

  private static int indexOf(List<PatchStack.Entry> entries, int number) {
    for (int i = 0; i < entries.size(); i++) {
      if (entries.get(i).number() == number) {
        return i;
      }
    }
    return -1;
  }

  /** Finds each entry's file under dir by its bare name; returns what is missing or ambiguous. */
  static List<String> locate(Path dir, List<PatchStack.Entry> entries, Map<PatchStack.Entry, Path> found) throws IOException {
    Map<String, List<Path>> byName = new HashMap<>();
    try (Stream<Path> walk = Files.walk(dir)) {
      walk.filter(Files::isRegularFile).sorted().forEach(p -> byName.computeIfAbsent(p.getFileName().toString(),
          k -> new ArrayList<>()).add(p));
    }
    List<String> problems = new ArrayList<>();
    for (PatchStack.Entry e : entries) {
      String name = e.file().substring(e.file().lastIndexOf('/') + 1);
      List<Path> candidates = byName.getOrDefault(name, List.of());
      if (candidates.isEmpty()) {
        problems.add(e.label() + ": no such file under " + dir);
      } else if (candidates.size() > 1 && !sameContent(candidates)) {
        problems.add(e.label() + ": several different files of that name: "
            + String.join(", ", candidates.stream().map(p -> dir.relativize(p).toString()).toList()));
      } else {
        found.put(e, candidates.get(0));
      }
    }
    return problems;
  }

  private static boolean sameContent(List<Path> files) throws IOException {
    byte[] first = Files.readAllBytes(files.get(0));
    for (Path p : files.subList(1, files.size())) {
      if (!Arrays.equals(first, Files.readAllBytes(p))) {
        return false;
      }
    }
    return true;
  }

  /** A mail (git format-patch output, or a mail saved whole): git am keeps its author and message. */
  static boolean isMail(String text) {
    try {
      PatchText.parse(text);
      return true;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  /** The message of a bare diff: the file name, any text above the diff, and the trailer. */
  static String plainMessage(String file, String text, String trailer) {
    StringBuilder body = new StringBuilder();
    for (String l : text.replace("\r\n", "\n").split("\n", -1)) {
      if (l.startsWith("diff ") || l.startsWith("--- ") || l.startsWith("Index: ") || l.startsWith("===")) {
        break;
      }
      body.append(l).append('\n');
    }
    String above = body.toString().strip();
    return file + "\n\n" + (above.isEmpty() ? "" : above + "\n\n") + trailer + "\n";
  }

  /** The message with one more trailer: in the last paragraph when it is already trailers. */
  static String withTrailer(String message, String trailer) {
    String m = message.strip();
    int cut = m.lastIndexOf("\n\n");
    String last = cut < 0 ? "" : m.substring(cut + 2);
    boolean trailers = !last.isEmpty() && last.lines().allMatch(l -> l.matches("^[A-Za-z0-9][A-Za-z0-9-]*: .*|^\\s+.*"));
    return m + (trailers ? "\n" : "\n\n") + trailer + "\n";
  }

  private static void deleteTree(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(dir)) {
      walk.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
    }
  }
}
