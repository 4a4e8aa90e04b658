package dev.patchflow.backport;

import dev.patchflow.git.Batch;
import dev.patchflow.git.CommitId;
import dev.patchflow.git.Git;
import dev.patchflow.git.GitException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Decides, for each candidate, whether a kernel line needs it, from git facts rather than
 * keywords (the rules are in {@link Judgement}). The facts of a line are gathered with a fixed
 * number of git processes whatever the number of candidates: one log of the stable branch, one
 * patch-id run over the spec's patch files, one name lookup, one reachability walk, one
 * {@code log -p | patch-id} pipe.
 */
public final class Applicability {
  private static final Pattern SPEC_VERSION = Pattern.compile("(?m)^Version:\\s*(\\d+\\.\\d+\\.\\d+)\\s*$");

  private static final Executor PATCH_IDS = r -> {
    Thread t = new Thread(r, "patch-ids");
    t.setDaemon(true);
    t.start();
  };

  private final Git repo;
  private final CveRecords records;
  /** Patch-ids worked out so far, and every commit asked for (commits without a diff have none). */
  private final Map<CommitId, String> ids = new java.util.HashMap<>();
  private final Set<CommitId> idsAsked = new java.util.HashSet<>();

  public Applicability(Git repo, CveRecords records) {
    this.repo = repo;
    this.records = records;
  }

  /** A line's verdicts, in the candidates' order; {@code at} is the stable release they were decided for. */
  public record LineResult(KernelLine line, Optional<KernelVersion> at, Map<CommitId, Verdict> verdicts) {
    public LineResult {
      verdicts = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(verdicts));
    }
  }

  public LineResult decide(KernelLine line, List<Candidate> candidates) throws GitException, IOException {
    Batch batch = repo.batch();
    Set<String> names = new LinkedHashSet<>();
    names.add(line.baseTag());
    line.stableBranch().ifPresent(names::add);
    candidates.forEach(c -> names.addAll(c.fixes()));
    Map<String, CommitId> resolved = batch.resolve(names);
    CommitId base = resolved.get(line.baseTag());
    if (base == null) {
      throw new IllegalArgumentException("base tag " + line.baseTag() + " of " + line.name() + " is not in " + repo.dir());
    }
    if (line.stableBranch().isPresent() && !resolved.containsKey(line.stableBranch().get())) {
      throw new IllegalArgumentException("stable branch " + line.stableBranch().get() + " is not in " + repo.dir());
    }
    StableIndex stable = line.stableBranch().isPresent() ? StableIndex.read(repo, base, line.stableBranch().get())
        : StableIndex.empty();
    SpecPatches spec = line.specDir().isPresent() ? SpecPatches.read(line.specDir().get(), repo) : SpecPatches.empty();
    Optional<KernelVersion> at = line.stableVersion().isPresent() ? line.stableVersion()
        : line.specDir().isPresent() ? specVersion(line.specDir().get(), line.version()) : Optional.empty();

    Set<CommitId> asked = new LinkedHashSet<>();
    candidates.forEach(c -> asked.add(c.sha()));
    candidates.forEach(c -> c.fixes().forEach(f -> Optional.ofNullable(resolved.get(f)).ifPresent(asked::add)));
    // Patch-ids only for candidates nothing else placed, and only the stable commits sharing a subject with one.
    // Which candidates the spec and the stable branch name does not depend on the walk below, so their ids are
    // worked out beside it, a second git on the second core; those of candidates the walk finds in the base
    // release are then not looked at.
    List<CommitId> unnamed = new ArrayList<>();
    List<CommitId> sameSubject = new ArrayList<>();
    for (Candidate c : candidates) {
      if (spec.carrying(c.sha().sha()).isEmpty() && stable.backportOf(c.sha()).isEmpty()) {
        unnamed.add(c.sha());
        sameSubject.addAll(stable.withSubject(c.subject()));
      }
    }
    boolean wantIds = line.specDir().isPresent() || !sameSubject.isEmpty();
    List<CommitId> forIds = new ArrayList<>(unnamed);
    forIds.addAll(sameSubject);
    CompletableFuture<Map<CommitId, String>> newIds = wantIds ? patchIds(batch, forIds) : CompletableFuture.completedFuture(Map.of());
    Set<CommitId> inBase = batch.reachableFrom(base, asked);
    Set<CommitId> unplaced = new LinkedHashSet<>(unnamed);
    unplaced.removeIf(inBase::contains);
    Map<CommitId, String> patchIds = join(newIds);

    int level = at.map(KernelVersion::patchLevel).orElse(0);
    Map<CommitId, Verdict> verdicts = new LinkedHashMap<>();
    for (Candidate c : candidates) {
      Optional<String> id = unplaced.contains(c.sha()) ? Optional.ofNullable(patchIds.get(c.sha())) : Optional.empty();
      Optional<String> inSpec = spec.carrying(c.sha().sha()).map(f -> f + " (names the commit)")
          .or(() -> id.flatMap(spec::withPatchId).map(f -> f + " (same patch-id)"));
      Optional<String> onStable = stable.backportOf(c.sha()).map(s -> s + " on " + line.stableBranch().get() + " (names the commit)")
          .or(() -> id.flatMap(pid -> stable.withSubject(c.subject()).stream().filter(s -> pid.equals(patchIds.get(s)))
              .findFirst()).map(s -> s.abbrev() + " on " + line.stableBranch().get() + " (same patch-id)"));
      List<Judgement.CveFact> cves = new ArrayList<>();
      for (String cve : c.cves()) {
        Optional<CveRecord> r = records.record(cve);
        if (r.isPresent()) {
          cves.add(new Judgement.CveFact(cve, r.get().verdict(line.version(), level)));
        }
      }
      List<Judgement.FixesFact> fixes = new ArrayList<>();
      for (String f : c.fixes()) {
        CommitId target = resolved.get(f);
        fixes.add(new Judgement.FixesFact(f, target != null, target != null && inBase.contains(target),
            target == null ? Optional.empty() : stable.backportOf(target)));
      }
      Judgement.Facts facts = new Judgement.Facts(inBase.contains(c.sha()), inSpec, onStable, cves, fixes, c.tags());
      verdicts.put(c.sha(), Judgement.judge(line, at, facts));
    }
    return new LineResult(line, at, verdicts);
  }

  /**
   * The patch-ids of these commits, from one git pipe started now on its own thread; commits an
   * earlier line of the same run asked for are not worked out again (a commit's patch-id is the
   * same for every line).
   */
  private CompletableFuture<Map<CommitId, String>> patchIds(Batch batch, List<CommitId> commits) {
    List<CommitId> missing;
    Map<CommitId, String> known = new LinkedHashMap<>();
    synchronized (ids) {
      missing = commits.stream().distinct().filter(c -> !idsAsked.contains(c)).toList();
      commits.forEach(c -> Optional.ofNullable(ids.get(c)).ifPresent(id -> known.put(c, id)));
    }
    if (missing.isEmpty()) {
      return CompletableFuture.completedFuture(known);
    }
    return CompletableFuture.supplyAsync(() -> {
      try {
        return batch.patchIds(missing);
      } catch (GitException e) {
        throw new CompletionException(e);
      }
    }, PATCH_IDS).thenApply(found -> {
      synchronized (ids) {
        idsAsked.addAll(missing);
        ids.putAll(found);
      }
      known.putAll(found);
      return known;
    });
  }

  private static Map<CommitId, String> join(CompletableFuture<Map<CommitId, String>> f) throws GitException {
    try {
      return f.join();
    } catch (CompletionException e) {
      if (e.getCause() instanceof GitException g) {
        throw g;
      }
      throw e;
    }
  }

  /** The stable release the line's spec files build (their Version:), when they agree on one of this line. */
  static Optional<KernelVersion> specVersion(Path dir, KernelVersion line) throws IOException {
    List<Path> specs;
    try (Stream<Path> list = Files.list(dir)) {
      specs = list.filter(p -> p.getFileName().toString().endsWith(".spec")).sorted().toList();
    }
    for (Path spec : specs) {
      Matcher m = SPEC_VERSION.matcher(new String(Files.readAllBytes(spec), StandardCharsets.UTF_8));
      if (m.find()) {
        KernelVersion v = KernelVersion.parse(m.group(1));
        if (v.isStableOf(line)) {
          return Optional.of(v);
        }
      }
    }
    return Optional.empty();
  }
}
