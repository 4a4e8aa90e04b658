package dev.patchflow.backport.pipeline;

import dev.patchflow.backport.Candidate;
import dev.patchflow.backport.Changelog;
import dev.patchflow.backport.CveRecord;
import dev.patchflow.backport.Integration;
import dev.patchflow.backport.PatchFileName;
import dev.patchflow.backport.PatchText;
import dev.patchflow.backport.Route;
import dev.patchflow.backport.Router;
import dev.patchflow.backport.Verdict;
import dev.patchflow.backport.config.KernelLineConfig;
import dev.patchflow.forge.GitHubException;
import dev.patchflow.git.ApplyCheckResult;
import dev.patchflow.git.Git;
import dev.patchflow.git.GitException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The candidates of one kernel line, one after the other: verdict, route, apply check, commit,
 * build, pull request. Each ends with one {@link Outcome}; a broken step ends only its candidate.
 */
final class LineRun {
  /** What every candidate of the line shares. */
  record Context(KernelLineConfig line, PackagingCheckout.Checkout checkout, Router router, Git upstream,
      Supplier<ApplyCheck> applyCheck, List<String> sourceRevs, Map<String, CveRecord> records) {}

  /** The steps and how far to go. */
  record Steps(BackportCommit commit, RpmBuild build, PullRequestStep pullRequests, BackportPipeline.Options options,
      RunLog log, Function<Candidate, Changelog.Entry> changelog) {}

  private final Context cx;
  private final Steps steps;

  LineRun(Context cx, Steps steps) {
    this.cx = cx;
    this.steps = steps;
  }

  CandidateResult handle(Candidate c, Verdict verdict) {
    String kernel = cx.line().kernel();
    if (verdict instanceof Verdict.AlreadyIntegrated) {
      return result(c, "", List.of(), List.of(), new Outcome.AlreadyIntegrated(verdict.reason(), Outcome.Artifacts.NONE));
    }
    if (verdict instanceof Verdict.NotAffected) {
      return result(c, "", List.of(), List.of(), new Outcome.Skipped("not_affected", verdict.reason()));
    }
    if (verdict instanceof Verdict.Unknown) {
      return result(c, "", List.of(), List.of(), new Outcome.Skipped("needs_review", verdict.reason()));
    }
    Route route = cx.router().route(c.sha().sha(), c.paths(), available());
    if (route instanceof Route.Skip skip) {
      Outcome o = "routing_none".equals(skip.status()) ? new Outcome.RoutingNone(skip.reason(), Outcome.Artifacts.NONE)
          : new Outcome.Skipped(skip.status(), skip.reason());
      return result(c, skip.reason(), List.of(), List.of(), o);
    }
    Route.To to = (Route.To) route;
    try {
      return integrate(c, to);
    } catch (GitException | IOException | GitHubException | RuntimeException e) {
      steps.log().note(kernel + " " + c.sha().abbrev() + ": " + e.getMessage());
      return result(c, to.reason(), to.specs(), List.of(), new Outcome.Failed(e.getMessage(), Outcome.Artifacts.NONE));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return result(c, to.reason(), to.specs(), List.of(), new Outcome.Failed("interrupted", Outcome.Artifacts.NONE));
    }
  }

  private CandidateResult integrate(Candidate c, Route.To to)
      throws GitException, IOException, GitHubException, InterruptedException {
    String sha = c.sha().sha();
    String patchFile = PatchFileName.of(1, c.subject());
    BackportPipeline.Options options = steps.options();
    if (options.dryRun()) {
      // a plan needs the patch file's name, not its text: no git format-patch (a process per candidate)
      return plan(c, to, new BackportCommit.Request(to.specs(), patchFile, null, BackportTexts.comment(c),
          steps.changelog().apply(c)));
    }
    String patchText = PatchText.parse(cx.upstream().formatPatch(c.sha())).withUpstreamLine(sha);
    BackportCommit.Request request = new BackportCommit.Request(to.specs(), patchFile, patchText,
        BackportTexts.comment(c), steps.changelog().apply(c));
    Path out = steps.log().dir().resolve(cx.line().kernel()).resolve(c.sha().abbrev());
    Path testLog = out.resolve("apply-check.log");
    String rev = cx.applyCheck().get().firstKnown(cx.sourceRevs())
        .orElseThrow(() -> new IllegalStateException("the kernel source has none of " + cx.sourceRevs()));
    ApplyCheckResult check = cx.applyCheck().get().check(rev, patchText.getBytes(StandardCharsets.UTF_8), testLog);
    Outcome.Artifacts artifacts = new Outcome.Artifacts(null, List.of(), testLog, null);
    if (!check.applies()) {
      return result(c, to.reason(), to.specs(), List.of(),
          new Outcome.TestFailed("does not apply to " + rev + ": " + lastError(check.output()), artifacts));
    }
    String branch = BackportTexts.branch(c);
    List<BackportTexts.Facts> facts = new ArrayList<>();
    BackportCommit.Result committed = steps.commit().commit(cx.checkout(), branch, request, edits -> {
      facts.add(facts(c, to, patchFile, edits));
      return BackportTexts.commitMessage(facts.get(0));
    });
    if (committed instanceof BackportCommit.Refused refused) {
      Outcome o = refused.alreadyThere() ? new Outcome.AlreadyIntegrated(refused.reason(), artifacts)
          : new Outcome.Failed("integration: " + refused.reason(), artifacts);
      return result(c, to.reason(), to.specs(), List.of(), o);
    }
    BackportCommit.Committed done = (BackportCommit.Committed) committed;
    List<Integer> numbers = facts.get(0).numbers();
    artifacts = new Outcome.Artifacts(done.patchFile(), List.of(), testLog, null);
    steps.log().note(cx.line().kernel() + " " + c.sha().abbrev() + ": committed " + done.commit().abbrev() + " on " + branch);
    if (options.enableBuild()) {
      RpmBuild.Result built = steps.build().build(cx.checkout().specDir(), to.specs(), out);
      artifacts = new Outcome.Artifacts(done.patchFile(), built.logs(), testLog, null);
      if (!built.ok()) {
        return result(c, to.reason(), to.specs(), numbers,
            new Outcome.BuildFailed("rpmbuild failed for " + built.failed() + "; " + branch + " not pushed", artifacts));
      }
    }
    if (options.skipPush()) {
      return result(c, to.reason(), to.specs(), numbers,
          new Outcome.Success("committed on " + branch + " (not pushed: --skip-push)", artifacts));
    }
    if (steps.pullRequests() == null) {
      return result(c, to.reason(), to.specs(), numbers,
          new Outcome.Failed("no GitHub token or app configured (backport.github); " + branch + " not pushed", artifacts));
    }
    String url = steps.pullRequests().open(cx.checkout(), cx.line().repo(), branch, cx.line().branch(),
        BackportTexts.prTitle(facts.get(0)), BackportTexts.prBody(facts.get(0), !options.skipReview()));
    artifacts = new Outcome.Artifacts(done.patchFile(), artifacts.buildLogs(), testLog, url);
    return result(c, to.reason(), to.specs(), numbers, new Outcome.Success("pushed " + branch, artifacts));
  }

  private CandidateResult plan(Candidate c, Route.To to, BackportCommit.Request request) throws IOException {
    Integration.Outcome planned = steps.commit().plan(cx.checkout(), request);
    if (planned instanceof Integration.Refused refused) {
      Outcome o = refused.reason().contains("already has " + request.patchFile())
          ? new Outcome.AlreadyIntegrated(refused.reason(), Outcome.Artifacts.NONE)
          : new Outcome.Failed("integration: " + refused.reason(), Outcome.Artifacts.NONE);
      return result(c, to.reason(), to.specs(), List.of(), o);
    }
    BackportTexts.Facts f = facts(c, to, request.patchFile(), (Integration.Integrated) planned);
    return result(c, to.reason(), to.specs(), f.numbers(),
        new Outcome.Planned("would add " + BackportTexts.numbered(f) + " (" + request.patchFile() + ") on "
            + BackportTexts.branch(c)));
  }

  private BackportTexts.Facts facts(Candidate c, Route.To to, String patchFile, Integration.Integrated edits) {
    List<Integer> numbers = edits.specs().stream().map(s -> s.numbers().get(0)).toList();
    return new BackportTexts.Facts(cx.line(), c, to, patchFile, numbers, cx.records());
  }

  /** The flavours whose spec file is in the line's folder. */
  private Set<String> available() {
    Set<String> out = new LinkedHashSet<>();
    cx.line().specs().forEach((name, file) -> {
      if (Files.isRegularFile(cx.checkout().specDir().resolve(file))) {
        out.add(name);
      }
    });
    return out;
  }

  private CandidateResult result(Candidate c, String route, List<String> specs, List<Integer> numbers, Outcome o) {
    return new CandidateResult(cx.line().kernel(), c, route, specs, numbers, o);
  }

  /** git's verdict: its last "error:" line names the file ("error: fs/e10.c: patch does not apply"). */
  private static String lastError(String s) {
    return s.lines().filter(l -> l.startsWith("error:")).reduce((a, b) -> b).orElse(s.lines().findFirst().orElse(""));
  }
}
