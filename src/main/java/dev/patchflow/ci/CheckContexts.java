package dev.patchflow.ci;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The checks the bridge posts on every patch of a series, named as KPD names them so that a site
 * moving from KPD keeps its check history: {@code <branch>-PR} for the whole PR, {@code
 * <branch>_<job>} per job, {@code <branch>_PR} for a merge conflict.
 */
public final class CheckContexts {
  private static final Pattern NOT_ALLOWED = Pattern.compile("[^-a-zA-Z0-9_]+");
  private static final Pattern UNDERSCORES = Pattern.compile("_{2,}");

  private CheckContexts() {}

  /**
   * A Patchwork check context (which allows only {@code [-a-zA-Z0-9_]}): each run of other
   * characters becomes one '_'; as KPD does today, runs of '_' then become one and '_' at either
   * end is dropped ("x86_64 / test (a, b)" → "x86_64_test_a_b").
   */
  public static String slug(String s) {
    String out = NOT_ALLOWED.matcher(s).replaceAll("_");
    out = UNDERSCORES.matcher(out).replaceAll("_");
    int from = 0;
    int to = out.length();
    while (from < to && out.charAt(from) == '_') {
      from++;
    }
    while (to > from && out.charAt(to - 1) == '_') {
      to--;
    }
    return out.substring(from, to);
  }

  /** The whole PR's check context. */
  public static String summary(String branch) {
    return slug(branch) + "-PR";
  }

  /** One job's check context. */
  public static String job(String branch, String jobName) {
    return slug(slug(branch) + "_" + jobName);
  }

  /** The context of the check saying the series does not apply. */
  public static String conflict(String branch) {
    return slug(branch) + "_PR";
  }

  /**
   * The checks for a PR's runs: the summary first (target: the PR), then one per job (target: the
   * job). Jobs of the same name in several runs share a context; the worst state wins it.
   */
  public static List<PwCheck> forRuns(String branch, String prUrl, List<RunView> runs) {
    List<CheckState> runStates = new ArrayList<>();
    Map<String, PwCheck> jobs = new LinkedHashMap<>();
    for (RunView run : runs) {
      runStates.add(CheckStates.of(run));
      for (RunView.JobView job : run.jobs()) {
        PwCheck c = new PwCheck(job(branch, job.name()), CheckStates.of(job), job.url(), "Logs for " + job.name());
        jobs.merge(c.context(), c, CheckContexts::worse);
      }
    }
    List<PwCheck> out = new ArrayList<>();
    out.add(new PwCheck(summary(branch), CheckStates.aggregate(runStates), prUrl, "PR summary"));
    out.addAll(jobs.values());
    return out;
  }

  /** The check for a series that does not apply on {@code branch}. */
  public static PwCheck forConflict(String branch, String prUrl) {
    return new PwCheck(conflict(branch), CheckState.FAIL, prUrl, "merge-conflict");
  }

  private static PwCheck worse(PwCheck a, PwCheck b) {
    return CheckStates.aggregate(List.of(a.state(), b.state())) == a.state() ? a : b;
  }
}
