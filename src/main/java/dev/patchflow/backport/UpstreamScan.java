package dev.patchflow.backport;

import dev.patchflow.git.Batch;
import dev.patchflow.git.Commit;
import dev.patchflow.git.CommitId;
import dev.patchflow.git.Git;
import dev.patchflow.git.GitException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Finds the candidates in a window of upstream history: one streamed {@code git log
 * --no-merges} over the window, each message looked at once as it arrives; the touched paths of
 * the candidates only, from one {@code git diff-tree --stdin} fed while the log streams.
 */
public final class UpstreamScan {
  private final Git upstream;
  private final CveRecords records;

  public UpstreamScan(Git upstream, CveRecords records) {
    this.upstream = upstream;
    this.records = records;
  }

  /** What a scan found, and how many commits it looked at. */
  public record Result(int scanned, List<Candidate> candidates) {
    public Result {
      candidates = List.copyOf(candidates);
    }
  }

  /**
   * @param rev where upstream history starts (a branch, a tag, HEAD)
   * @param limit the most candidates to keep (the newest), 0 for all
   */
  public Result scan(ScanWindow window, String rev, int limit) throws GitException {
    List<String> args = new ArrayList<>(List.of("--no-merges"));
    args.addAll(window.gitArgs());
    args.add(rev);
    args.add("--");
    return stream(args, limit, false);
  }

  /**
   * The commits a report lists (watch mode, {@code --commit}), in its order: each is a candidate
   * because someone asked for it, with whatever its message and the CVE records add.
   *
   * @throws IllegalArgumentException naming the ids upstream does not have
   */
  public Result listed(List<String> shas) throws GitException {
    List<String> args = new ArrayList<>(List.of("--no-walk=unsorted"));
    List<String> missing = new ArrayList<>();
    for (String sha : shas) {
      java.util.Optional<CommitId> id = upstream.resolve(sha + "^{commit}");
      if (id.isPresent()) {
        args.add(id.get().sha());
      } else {
        missing.add(sha);
      }
    }
    if (!missing.isEmpty()) {
      throw new IllegalArgumentException("not commits of the upstream repository: " + String.join(", ", missing));
    }
    if (args.size() == 1) {
      return new Result(0, List.of());
    }
    args.add("--");
    return stream(args, 0, true);
  }

  private Result stream(List<String> args, int limit, boolean everyCommit) throws GitException {
    List<Candidate> found = new ArrayList<>();
    int[] scanned = {0};
    Batch batch = upstream.batch();
    // Paths are looked up while the log still streams: a second git, on the second core.
    Batch.PathFeed feed = batch.pathFeed();
    GitException[] feedFailed = {null};
    try {
      batch.log(args, c -> {
        scanned[0]++;
        Candidate candidate = limit > 0 && found.size() >= limit ? null : candidate(c, everyCommit);
        if (candidate != null) {
          found.add(candidate);
          try {
            feed.add(c.id());
          } catch (GitException e) {
            feedFailed[0] = feedFailed[0] == null ? e : feedFailed[0];
          }
        }
      });
    } catch (GitException | RuntimeException e) {
      feed.abandon();
      throw e;
    }
    if (feedFailed[0] != null) {
      throw feedFailed[0];
    }
    Map<CommitId, List<String>> paths = feed.paths();
    List<Candidate> out = found.stream().map(c -> c.withPaths(paths.getOrDefault(c.sha(), List.of()))).toList();
    return new Result(scanned[0], out);
  }

  /** The commit as a candidate, or null when nothing marks it as a fix and it was not {@code listed}. */
  private Candidate candidate(Commit c, boolean listed) {
    FixTags tags = FixTags.of(c.message());
    List<String> fixedCves = records.fixedBy(c.id().sha());
    if (!listed && !tags.any() && fixedCves.isEmpty()) {
      return null;
    }
    Set<Candidate.Reason> reasons = EnumSet.noneOf(Candidate.Reason.class);
    if (listed) {
      reasons.add(Candidate.Reason.LISTED);
    }
    if (!tags.fixes().isEmpty()) {
      reasons.add(Candidate.Reason.FIXES);
    }
    if (!tags.cves().isEmpty()) {
      reasons.add(Candidate.Reason.CVE_ID);
    }
    if (tags.ccStable()) {
      reasons.add(Candidate.Reason.CC_STABLE);
    }
    if (!fixedCves.isEmpty()) {
      reasons.add(Candidate.Reason.CVE_RECORD);
    }
    Set<String> cves = new LinkedHashSet<>(fixedCves);
    cves.addAll(tags.cves());
    return new Candidate(c.id(), c.subject(), c.committed(), reasons, tags, new ArrayList<>(cves), List.of());
  }
}
