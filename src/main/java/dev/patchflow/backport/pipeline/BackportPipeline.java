package dev.patchflow.backport.pipeline;

import dev.patchflow.backport.Applicability;
import dev.patchflow.backport.Candidate;
import dev.patchflow.backport.CandidateFinder;
import dev.patchflow.backport.Changelog;
import dev.patchflow.backport.CveRecord;
import dev.patchflow.backport.CveRecords;
import dev.patchflow.backport.Flavours;
import dev.patchflow.backport.KernelLine;
import dev.patchflow.backport.KernelVersion;
import dev.patchflow.backport.PathRules;
import dev.patchflow.backport.Router;
import dev.patchflow.backport.RoutingRules;
import dev.patchflow.backport.ScanWindow;
import dev.patchflow.backport.Targets;
import dev.patchflow.backport.config.BackportConfig;
import dev.patchflow.backport.config.KernelLineConfig;
import dev.patchflow.git.Git;
import dev.patchflow.git.GitException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * A whole backport run: pre-flight, the packaging checkout of each kernel line, one scan of
 * upstream for all lines, then each line's candidates through {@link LineRun}. I/O orchestration
 * only; every decision is made by the pure parts of {@code backport}.
 */
public final class BackportPipeline {
  private final BackportConfig config;
  private final Path workDir;
  private final BackportCommit commit;
  private final RpmBuild build;
  private final PullRequestStep pullRequests;
  private final Function<String, Map<String, String>> credentials;
  private final Preflight preflight;
  private final Clock clock;

  /**
   * @param workDir where clones, mirrors and apply-check trees are kept
   * @param pullRequests opens pull requests; null when no GitHub auth is configured
   * @param credentials git configuration for a packaging URL (a token header), never on argv
   */
  public BackportPipeline(BackportConfig config, Path workDir, PullRequestStep pullRequests,
      Function<String, Map<String, String>> credentials, Preflight preflight, Clock clock) {
    this.config = config;
    this.workDir = workDir;
    this.commit = new BackportCommit(config.cveBlock(), config.fillGaps());
    this.build = new RpmBuild();
    this.pullRequests = pullRequests;
    this.credentials = credentials;
    this.preflight = preflight;
    this.clock = clock;
  }

  /**
   * One run's choices (the command line's options).
   *
   * @param kernels the lines to run, by name; empty: every configured line
   * @param repoUrl another packaging repository to clone and push (--repo-url); null: the line's
   * @param branch another packaging branch (--branch); null: the line's
   * @param limit the most candidates to take from the scan, 0 for all
   * @param dryRun plan only: no commit, log, build, push or pull request
   * @param commits when not empty, these upstream commits instead of the window's (watch mode, --commit)
   */
  public record Options(ScanWindow window, List<String> kernels, String repoUrl, String branch, boolean skipClone,
      boolean skipReview, boolean skipPush, boolean enableBuild, int limit, boolean dryRun, List<String> commits) {
    public Options {
      kernels = List.copyOf(kernels);
      commits = List.copyOf(commits);
    }

    public Options(ScanWindow window, List<String> kernels, String repoUrl, String branch, boolean skipClone,
        boolean skipReview, boolean skipPush, boolean enableBuild, int limit, boolean dryRun) {
      this(window, kernels, repoUrl, branch, skipClone, skipReview, skipPush, enableBuild, limit, dryRun, List.of());
    }
  }

  /**
   * What a run did.
   *
   * @param blocked why the run did not start (pre-flight); empty when it ran
   * @param scanned the upstream commits in the window
   * @param review the CVE records of the candidates, by id, when the run reviews them (not --skip-review)
   */
  public record RunResult(Optional<String> blocked, int scanned, List<CandidateResult> results,
      Optional<Map<String, CveRecord>> review) {
    public RunResult {
      results = List.copyOf(results);
      review = review.map(m -> java.util.Collections.unmodifiableMap(new LinkedHashMap<>(m)));
    }
  }

  public RunResult run(Options options, RunLog log) throws GitException, IOException, RoutingRules.RulesException {
    Optional<String> blocked = preflight.blocker();
    if (blocked.isPresent()) {
      log.note("not running: " + blocked.get());
      return new RunResult(blocked, 0, List.of(), Optional.empty());
    }
    List<KernelLineConfig> lines = select(options);
    SourceRepos sources = new SourceRepos(workDir.resolve("mirrors"), !options.skipClone());
    Git upstream = sources.open(config.upstream());
    Git.Identity identity = identity(config.changelog().author());
    PackagingCheckout packaging = new PackagingCheckout(workDir.resolve("packaging"), identity, credentials);
    Map<KernelLineConfig, PackagingCheckout.Checkout> checkouts = new LinkedHashMap<>();
    List<KernelLine> kernelLines = new ArrayList<>();
    for (KernelLineConfig line : lines) {
      PackagingCheckout.Checkout co = packaging.open(line, options.skipClone());
      log.note(line.kernel() + ": " + line.branch() + " of " + co.url() + " at " + co.base() + ", specs in " + line.specDir());
      checkouts.put(line, co);
      kernelLines.add(new KernelLine(KernelVersion.parse(line.kernel()), line.baseTagOrDefault(),
          Optional.ofNullable(line.stableBranch()), Optional.of(co.specDir()), Optional.empty()));
    }
    CveRecords records = config.cveDir() == null ? CveRecords.none() : CveRecords.open(Path.of(config.cveDir()));
    CandidateFinder.Result found = new CandidateFinder(upstream, records).find(
        new CandidateFinder.Request(options.window(), config.upstreamRev(), kernelLines, options.limit(), options.commits()));
    log.note(found.candidates().size() + " candidates in " + found.scanned() + " commits ("
        + (options.commits().isEmpty() ? options.window() : "listed") + ")");

    Flavours all = flavours();
    RoutingRules rules = config.routingRules() == null ? RoutingRules.empty()
        : RoutingRules.parse(config.routingRules(), Files.readString(Path.of(config.routingRules())), all);
    PathRules paths = pathRules(all);
    LocalDate today = LocalDate.now(clock);
    Function<Candidate, Changelog.Entry> changelog = c -> new Changelog.Entry(today, config.changelog().author(),
        BackportTexts.changelog(c, config.changelog().message()));
    LineRun.Steps steps = new LineRun.Steps(commit, build, pullRequests, options, log, changelog);
    List<CandidateResult> results = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      KernelLineConfig line = lines.get(i);
      PackagingCheckout.Checkout co = checkouts.get(line);
      Applicability.LineResult verdicts = found.lines().get(i);
      LineRun run = new LineRun(context(line, co, verdicts, sources, upstream, rules, paths, found), steps);
      for (Candidate c : found.candidates()) {
        CandidateResult r = run.handle(c, verdicts.verdicts().get(c.sha()));
        log.note(line.kernel() + " " + c.sha().abbrev() + " " + r.outcome().status() + ": " + r.outcome().reason());
        results.add(r);
      }
      if (!options.dryRun()) {
        // leave the clone on the line's branch, not on the last backport branch
        co.git().checkoutBranch(line.branch(), co.base());
      }
    }
    log.finished(results);
    return new RunResult(Optional.empty(), found.scanned(), results,
        options.skipReview() ? Optional.empty() : Optional.of(found.records()));
  }

  private LineRun.Context context(KernelLineConfig line, PackagingCheckout.Checkout co, Applicability.LineResult verdicts,
      SourceRepos sources, Git upstream, RoutingRules rules, PathRules paths, CandidateFinder.Result found) {
    String sourceUrl = line.kernelSource() != null ? line.kernelSource() : config.upstream();
    Path tree = workDir.resolve("apply").resolve(line.kernel());
    // the kernel source is opened (maybe cloned) only when a candidate gets as far as the check
    ApplyCheck[] check = new ApplyCheck[1];
    Supplier<ApplyCheck> lazy = () -> {
      if (check[0] == null) {
        try {
          check[0] = new ApplyCheck(sources.open(sourceUrl), tree);
        } catch (GitException e) {
          throw new IllegalStateException("kernel source " + sourceUrl + ": " + e.getMessage(), e);
        }
      }
      return check[0];
    };
    // the shipped release's tag first (what the spec builds), then the stable tip, then the base release
    List<String> revs = new ArrayList<>();
    verdicts.at().ifPresent(v -> revs.add("v" + v));
    Optional.ofNullable(line.stableBranch()).ifPresent(revs::add);
    revs.add(line.baseTagOrDefault());
    return new LineRun.Context(line, co, new Router(rules, paths, new Flavours(line.specs())), upstream, lazy, revs,
        found.records());
  }

  private List<KernelLineConfig> select(Options options) {
    List<KernelLineConfig> out = new ArrayList<>();
    for (KernelLineConfig k : config.kernels()) {
      if (options.kernels().isEmpty() || options.kernels().contains(k.kernel())) {
        out.add(k.withPackaging(options.repoUrl(), options.branch()));
      }
    }
    for (String asked : options.kernels()) {
      if (config.kernel(asked).isEmpty()) {
        throw new IllegalArgumentException("no kernel line " + asked + " in the config (have: "
            + String.join(", ", config.kernels().stream().map(KernelLineConfig::kernel).toList()) + ")");
      }
    }
    return out;
  }

  /** Photon's three flavour names plus any a line adds: the names rules may use. */
  private Flavours flavours() {
    Map<String, String> names = new LinkedHashMap<>(Flavours.photon().specs());
    config.kernels().forEach(k -> k.specs().forEach(names::put));
    return new Flavours(names);
  }

  private PathRules pathRules(Flavours all) {
    if (config.pathRules() == null) {
      return PathRules.defaults(all);
    }
    List<PathRules.PathRule> rules = new ArrayList<>();
    config.pathRules().forEach(r -> rules.add(new PathRules.PathRule(r.glob(), Targets.parse(r.targets(), all))));
    return new PathRules(rules);
  }

  /** "Name <email>" as a git identity (the config validator has checked the form). */
  static Git.Identity identity(String author) {
    int lt = author.indexOf('<');
    int gt = author.indexOf('>', lt);
    if (lt < 0 || gt < 0) {
      return Git.Identity.PATCHFLOW;
    }
    return new Git.Identity(author.substring(0, lt).strip(), author.substring(lt + 1, gt).strip());
  }
}
