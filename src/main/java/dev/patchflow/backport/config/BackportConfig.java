package dev.patchflow.backport.config;

import dev.patchflow.backport.Range;
import dev.patchflow.config.Secret;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.BiFunction;

/**
 * The backport processor's settings, the {@code backport:} section of patchflow.yaml. Kernel lines
 * are data: a distribution's table of lines, branches, spec folders and flavours is written here,
 * not in code.
 *
 * @param upstream the upstream kernel repository: a local path (a mirror) or a URL, mirrored under the work dir
 * @param upstreamRev where upstream history is read from (default {@value #DEFAULT_REV})
 * @param cveDir a checkout of the kernel CVE team's vulns repository; none: no CVE records
 * @param cveRange the Patch numbers of the CVE block where a spec has no header (default {@value #DEFAULT_CVE_RANGE})
 * @param fillGaps a new patch takes the lowest number free in the block of every target spec
 *     (reusing numbers of dropped patches) instead of the one after the highest used (default)
 * @param routingRules a {@code patch_routing.skills}-style rules file; none: path rules only
 * @param pathRules routing by touched paths, tried in order; none: the shipped defaults
 * @param logDir where each run's logs, build logs and results go
 * @param workDir where packaging clones and kernel source mirrors are kept
 * @param schedule when the installed job runs, a 5-field cron line (default {@value #DEFAULT_SCHEDULE})
 * @param serveSchedule {@code serve} runs the schedule itself (for hosts without a timer or cron)
 * @param watchDir a report file dropped here ({@link dev.patchflow.backport.ReportFile}) starts a run, under {@code serve}
 * @param logRetentionDays how long run logs are kept (default 30); {@code summary.log} is kept
 */
public record BackportConfig(String upstream, String upstreamRev, String cveDir, String cveRange, Boolean fillGaps,
    String routingRules, List<PathRuleConfig> pathRules, String logDir, String workDir, String schedule, Boolean serveSchedule, String watchDir,
    Integer logRetentionDays, NetworkConfig network,
    GitHubConfig github, ChangelogConfig changelog, List<KernelLineConfig> kernels) {
  public static final String DEFAULT_REV = "HEAD";
  public static final String DEFAULT_CVE_RANGE = "100-249";
  public static final String DEFAULT_SCHEDULE = "0 2 * * *";

  public BackportConfig {
    upstreamRev = upstreamRev == null ? DEFAULT_REV : upstreamRev;
    cveRange = cveRange == null ? DEFAULT_CVE_RANGE : cveRange;
    fillGaps = fillGaps != null && fillGaps;
    schedule = schedule == null ? DEFAULT_SCHEDULE : schedule;
    serveSchedule = serveSchedule != null && serveSchedule;
    logRetentionDays = logRetentionDays == null ? 30 : logRetentionDays;
    pathRules = pathRules == null ? null : List.copyOf(pathRules);
    network = network == null ? NetworkConfig.DEFAULT : network;
    github = github == null ? GitHubConfig.NONE : github;
    changelog = changelog == null ? new ChangelogConfig(null, null) : changelog;
    kernels = kernels == null ? List.of() : List.copyOf(kernels);
  }

  /** The CVE block's range; call on a validated config. */
  public Range cveBlock() {
    return Range.parse(cveRange);
  }

  public Duration logRetention() {
    return Duration.ofDays(logRetentionDays);
  }

  public Optional<KernelLineConfig> kernel(String name) {
    return kernels.stream().filter(k -> name.equals(k.kernel())).findFirst();
  }

  /**
   * One path rule.
   *
   * @param glob {@code *} any run of characters (slashes too), {@code ?} one
   * @param targets all, none, or a comma list of flavour names
   */
  public record PathRuleConfig(String glob, String targets) {}

  /**
   * The hosts a run needs; a run with one unreachable ends quietly (for cron) instead of failing.
   *
   * @param hosts host or host:port (443 when none); none given: the hosts of the run's own
   *     repositories and of GitHub's API when it pushes (see {@link dev.patchflow.backport.NetworkHosts})
   * @param timeoutSeconds per try (default 30)
   * @param retries tries per host (default 3)
   */
  public record NetworkConfig(List<String> hosts, Integer timeoutSeconds, Integer retries) {
    public static final NetworkConfig DEFAULT = new NetworkConfig(null, null, null);

    public NetworkConfig {
      hosts = hosts == null ? null : List.copyOf(hosts);
    }

    public Duration timeout() {
      return Duration.ofSeconds(timeoutSeconds == null ? 30 : timeoutSeconds);
    }

    public int tries() {
      return retries == null ? 3 : retries;
    }
  }

  /**
   * How pull requests are opened: a token, or a GitHub App installation; neither is fine for
   * runs that do not push.
   */
  public record GitHubConfig(String apiUrl, Secret token, AppAuth appAuth) {
    public static final String DEFAULT_API_URL = "https://api.github.com";
    public static final GitHubConfig NONE = new GitHubConfig(null, null, null);

    public URI apiUri() {
      return URI.create(apiUrl == null ? DEFAULT_API_URL : apiUrl);
    }

    public boolean hasAuth() {
      return token != null || appAuth != null;
    }
  }

  /**
   * A GitHub App installation.
   *
   * @param privateKey the PEM text; exactly one of this and {@code privateKeyPath}
   */
  public record AppAuth(Long appId, Long installationId, Secret privateKey, String privateKeyPath) {}

  /**
   * The %changelog entries the backports add.
   *
   * @param author "Name <email>", also the commits' author
   * @param message one line with {@code {subject}}, {@code {sha}}, {@code {sha12}}, {@code {cve}} (the
   *     first CVE, or the subject when none); none: "Fix CVE-…" per CVE, else the subject
   */
  public record ChangelogConfig(String author, String message) {}

  /** This config with every secret passed through {@code resolve} (given the key below {@code backport}). */
  public BackportConfig mapSecrets(BiFunction<String, Secret, Secret> resolve) {
    GitHubConfig gh = github;
    Secret token = gh.token() == null ? null : resolve.apply("github.token", gh.token());
    AppAuth app = gh.appAuth();
    if (app != null && app.privateKey() != null) {
      app = new AppAuth(app.appId(), app.installationId(), resolve.apply("github.app_auth.private_key", app.privateKey()),
          app.privateKeyPath());
    }
    return new BackportConfig(upstream, upstreamRev, cveDir, cveRange, fillGaps, routingRules, pathRules, logDir, workDir,
        schedule, serveSchedule, watchDir, logRetentionDays, network, new GitHubConfig(gh.apiUrl(), token, app), changelog,
        kernels);
  }
}
