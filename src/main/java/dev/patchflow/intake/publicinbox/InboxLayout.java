package dev.patchflow.intake.publicinbox;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Finds the epochs behind a path given to import: a v2 inbox (holding {@code git/0.git},
 * {@code git/1.git}, …), one epoch {@code N.git}, or a directory of inboxes. v1 inboxes (one
 * repository, a file per message) are refused by name rather than read as empty.
 */
public final class InboxLayout {
  private static final Pattern EPOCH = Pattern.compile("(\\d+)\\.git");

  private InboxLayout() {}

  public static List<Epoch> epochs(Path given) throws IOException {
    if (!Files.exists(given)) {
      throw new IOException(given + ": no such file or directory");
    }
    Path p = given.toRealPath();
    if (isEpoch(p)) {
      return List.of(epoch(p));
    }
    if (isInbox(p)) {
      return inboxEpochs(p);
    }
    if (isBareRepo(p)) {
      throw new IOException(given + ": a git repository but not a v2 epoch (N.git); v1 inboxes are not supported");
    }
    List<Epoch> out = new ArrayList<>();
    if (Files.isDirectory(p)) {
      for (Path child : children(p)) {
        if (isInbox(child)) {
          out.addAll(inboxEpochs(child));
        }
      }
    }
    if (out.isEmpty()) {
      throw new IOException(given + ": not a public-inbox v2 inbox (no git/N.git), an epoch or a directory of inboxes");
    }
    return out;
  }

  private static List<Epoch> inboxEpochs(Path inbox) throws IOException {
    return children(inbox.resolve("git")).stream().filter(InboxLayout::isEpoch)
        .sorted(Comparator.comparingLong(InboxLayout::number)).map(InboxLayout::epoch).toList();
  }

  private static Epoch epoch(Path repo) {
    Path parent = repo.getParent();
    boolean inInbox = parent != null && parent.getFileName() != null && parent.getFileName().toString().equals("git")
        && parent.getParent() != null && parent.getParent().getFileName() != null;
    String name = repo.getFileName().toString();
    return new Epoch(repo, inInbox ? parent.getParent().getFileName() + "/git/" + name : name);
  }

  private static boolean isInbox(Path dir) {
    Path git = dir.resolve("git");
    if (!Files.isDirectory(git)) {
      return false;
    }
    try {
      return children(git).stream().anyMatch(InboxLayout::isEpoch);
    } catch (IOException e) {
      return false;
    }
  }

  private static boolean isEpoch(Path p) {
    return p.getFileName() != null && EPOCH.matcher(p.getFileName().toString()).matches() && isBareRepo(p);
  }

  private static boolean isBareRepo(Path p) {
    return Files.isDirectory(p.resolve("objects")) && Files.isRegularFile(p.resolve("HEAD"));
  }

  private static long number(Path epoch) {
    Matcher m = EPOCH.matcher(epoch.getFileName().toString());
    return m.matches() ? Long.parseLong(m.group(1)) : Long.MAX_VALUE;
  }

  private static List<Path> children(Path dir) throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      return s.filter(Files::isDirectory).sorted().toList();
    }
  }
}
