package dev.patchflow.ci.config;

import dev.patchflow.config.Secret;
import java.net.URI;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.BiFunction;

/**
 * The CI bridge's settings: which Patchwork series to test, on which GitHub branches, and how to
 * report back. Read from KPD's own JSON file ({@link KpdJsonConfig}) or from the {@code ci:}
 * section of patchflow.yaml; both give this record, with the same snake_case keys.
 *
 * <p>Maps keep the order of the file: the order of {@code tag_to_branch_mapping} decides which
 * tag routes a series, and the order of a tag's branches is the order they are tried in.
 *
 * @param tagToBranchMapping tag → branch names; {@value #DEFAULT_TAG} catches series no other tag
 *     routes; an empty list means "do not test"
 * @param branches branch name → where it lives and how to reach GitHub
 * @param baseDirectory where the bridge keeps its git working copies
 * @param mirrorDir git mirrors to borrow objects from when cloning (KPD's {@code mirror_dir}); null: none
 * @param labels PR label → colour as 6 lower-case hex digits (from the labels file or YAML)
 * @param email mail on CI results; null: no mail
 * @param github Patchflow's additions about GitHub; never null
 * @param pollSeconds seconds between two passes (default {@value #DEFAULT_POLL_SECONDS})
 * @param seriesBranchTtlDays days a {@code series/*} branch outlives its closed PR (default
 *     {@value #DEFAULT_SERIES_BRANCH_TTL_DAYS})
 */
public record CiConfig(PatchworkConfig patchwork, Map<String, List<String>> tagToBranchMapping,
    Map<String, BranchConfig> branches, String baseDirectory, String mirrorDir, Map<String, String> labels, EmailConfig email,
    GitHubConfig github, Integer pollSeconds, Integer seriesBranchTtlDays) {
  public static final String DEFAULT_TAG = "__DEFAULT__";
  public static final int DEFAULT_POLL_SECONDS = 120;
  public static final int DEFAULT_SERIES_BRANCH_TTL_DAYS = 2;

  public CiConfig {
    tagToBranchMapping = ordered(tagToBranchMapping, v -> v == null ? List.of() : List.copyOf(v));
    branches = ordered(branches, v -> v);
    labels = ordered(labels, CiConfig::colour);
    github = github == null ? GitHubConfig.DEFAULT : github;
  }

  /** The same settings with other labels (a labels file given beside the config replaces these). */
  public CiConfig withLabels(Map<String, String> other) {
    return new CiConfig(patchwork, tagToBranchMapping, branches, baseDirectory, mirrorDir, other, email, github, pollSeconds,
        seriesBranchTtlDays);
  }

  public Duration pollInterval() {
    return Duration.ofSeconds(pollSeconds == null ? DEFAULT_POLL_SECONDS : pollSeconds);
  }

  public Duration seriesBranchTtl() {
    return Duration.ofDays(seriesBranchTtlDays == null ? DEFAULT_SERIES_BRANCH_TTL_DAYS : seriesBranchTtlDays);
  }

  /**
   * This config with every secret passed through {@code resolve}, which is given the secret's key
   * path below {@code ci} ("branches.bpf.github_oauth_token") and returns the secret to keep.
   */
  public CiConfig mapSecrets(BiFunction<String, Secret, Secret> resolve) {
    PatchworkConfig pw = patchwork;
    if (pw != null && pw.apiToken() != null) {
      pw = pw.withApiToken(resolve.apply("patchwork.api_token", pw.apiToken()));
    }
    Map<String, BranchConfig> bs = new LinkedHashMap<>();
    branches.forEach((name, b) -> bs.put(name, b == null ? null : b.mapSecrets("branches." + name, resolve)));
    EmailConfig mail = email;
    if (mail != null && mail.pass() != null) {
      mail = mail.withPass(resolve.apply("email.pass", mail.pass()));
    }
    GitHubConfig gh = github;
    if (gh.webhookSecret() != null) {
      gh = new GitHubConfig(gh.apiUrl(), resolve.apply("github.webhook_secret", gh.webhookSecret()));
    }
    return new CiConfig(pw, tagToBranchMapping, bs, baseDirectory, mirrorDir, labels, mail, gh, pollSeconds, seriesBranchTtlDays);
  }

  /**
   * Patchflow's additions about GitHub.
   *
   * @param apiUrl the REST API root (default {@value #DEFAULT_API_URL}; GitHub Enterprise differs)
   * @param webhookSecret checks the signature of webhook deliveries; null: no webhooks
   */
  public record GitHubConfig(String apiUrl, Secret webhookSecret) {
    public static final String DEFAULT_API_URL = "https://api.github.com";
    public static final GitHubConfig DEFAULT = new GitHubConfig(null, null);

    public URI apiUri() {
      return URI.create(apiUrl == null ? DEFAULT_API_URL : apiUrl);
    }
  }

  // Colours are written with or without '#' and in any case; GitHub wants 6 bare hex digits.
  static String colour(String c) {
    if (c == null) {
      return null;
    }
    String s = c.trim();
    return (s.startsWith("#") ? s.substring(1) : s).toLowerCase(Locale.ROOT);
  }

  private static <V, W> Map<String, W> ordered(Map<String, V> in, java.util.function.Function<V, W> f) {
    Map<String, W> out = new LinkedHashMap<>();
    if (in != null) {
      in.forEach((k, v) -> out.put(k, f.apply(v)));
    }
    return Collections.unmodifiableMap(out);
  }
}
