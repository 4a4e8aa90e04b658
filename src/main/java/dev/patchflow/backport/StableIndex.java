package dev.patchflow.backport;

import dev.patchflow.git.CommitId;
import dev.patchflow.git.Git;
import dev.patchflow.git.GitException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A stable branch's backports since its base release, read once a run with one streamed
 * {@code git log base..branch}: which upstream commits its messages name ({@code commit <sha>
 * upstream.}, {@code [ Upstream commit <sha> ]}), and its commits by subject, so that a fix
 * picked without a marker can be checked by patch-id against the few commits of the same
 * subject rather than against the diff of every commit on the branch.
 */
public final class StableIndex {
  static final Pattern MARKER = Pattern.compile(
      "(?m)^\\s*(?:commit ([0-9a-f]{12,40}) upstream\\b|\\[\\s*[Uu]pstream commit ([0-9a-f]{12,40})\\s*])");

  private final Markers markers;
  private final Map<String, List<CommitId>> bySubject;

  StableIndex(Markers markers, Map<String, List<CommitId>> bySubject) {
    this.markers = markers;
    this.bySubject = bySubject;
  }

  public static StableIndex empty() {
    return new StableIndex(new Markers(), Map.of());
  }

  public static StableIndex read(Git repo, CommitId base, String branch) throws GitException {
    Markers markers = new Markers();
    Map<String, List<CommitId>> bySubject = new HashMap<>();
    repo.batch().log(List.of("--no-merges", base.sha() + ".." + branch, "--"), c -> {
      Matcher m = MARKER.matcher(c.message());
      while (m.find()) {
        markers.add(m.group(1) != null ? m.group(1) : m.group(2), c.id().abbrev());
      }
      bySubject.computeIfAbsent(key(c.subject()), k -> new ArrayList<>()).add(c.id());
    });
    return new StableIndex(markers, bySubject);
  }

  /** The stable commit (abbreviated) whose message names this upstream commit. */
  public Optional<String> backportOf(CommitId upstream) {
    return markers.find(upstream.sha());
  }

  /** The stable commits with this subject (the patch-id check's short list). */
  public List<CommitId> withSubject(String subject) {
    return bySubject.getOrDefault(key(subject), List.of());
  }

  private static String key(String subject) {
    return subject.strip().replaceAll("\\s+", " ").toLowerCase(Locale.ROOT);
  }

  /** Upstream ids named in markers (12 to 40 digits), found by any full id they abbreviate. */
  static final class Markers {
    private final Map<String, List<String[]>> byPrefix = new HashMap<>();

    void add(String sha, String where) {
      byPrefix.computeIfAbsent(sha.substring(0, 12), k -> new ArrayList<>()).add(new String[] {sha, where});
    }

    Optional<String> find(String fullSha) {
      for (String[] e : byPrefix.getOrDefault(fullSha.substring(0, 12), List.of())) {
        if (fullSha.startsWith(e[0])) {
          return Optional.of(e[1]);
        }
      }
      return Optional.empty();
    }
  }
}
