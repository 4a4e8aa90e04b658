package dev.patchflow.ci.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Checks a {@link CiConfig} that parsed but makes no sense. Every problem is reported at once,
 * each naming its key path. Looks at the file system (a private key file must be readable) but
 * never at the network.
 */
public final class CiConfigValidator {
  // Branch names end up in git refs ("<name>_base", "series/12=><name>") and check contexts.
  private static final Pattern BRANCH = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._/-]*");
  private static final Pattern STATE = Pattern.compile("[a-z0-9][a-z0-9-]*");
  private static final Pattern COLOUR = Pattern.compile("[0-9a-f]{6}");
  private static final Pattern ADDRESS = Pattern.compile("[^@\\s<>,]+@[^@\\s<>,]+");
  // git's scp-like remote: user@host:path
  private static final Pattern SCP = Pattern.compile("[A-Za-z0-9._-]+@[A-Za-z0-9.-]+:.+");
  private static final Pattern HOST = Pattern.compile("[A-Za-z0-9.-]+(:[0-9]+)?(/.*)?");

  private CiConfigValidator() {}

  /** The problems, each prefixed with {@code prefix} ("ci." in patchflow.yaml, "" in a KPD file). */
  public static List<String> problems(CiConfig c, String prefix) {
    List<String> out = new ArrayList<>();
    patchwork(c.patchwork(), prefix + "patchwork", out);
    if (c.branches().isEmpty()) {
      out.add(prefix + "branches: required, at least one branch");
    }
    c.branches().forEach((name, b) -> branch(name, b, prefix + "branches." + name, out));
    if (c.tagToBranchMapping().isEmpty()) {
      out.add(prefix + "tag_to_branch_mapping: required (tag → branches; " + CiConfig.DEFAULT_TAG + " for the rest)");
    }
    c.tagToBranchMapping().forEach((tag, targets) -> {
      String key = prefix + "tag_to_branch_mapping." + tag;
      if (tag.isBlank()) {
        out.add(key + ": empty tag");
      }
      for (int i = 0; i < targets.size(); i++) {
        if (!c.branches().containsKey(targets.get(i))) {
          out.add(key + "[" + i + "]: no branch named '" + targets.get(i) + "' in branches");
        }
      }
    });
    if (c.baseDirectory() == null || c.baseDirectory().isBlank()) {
      out.add(prefix + "base_directory: required (where the git working copies are kept)");
    }
    c.labels().forEach((label, colour) -> {
      if (label.isBlank()) {
        out.add(prefix + "labels: empty label name");
      }
      if (colour == null || !COLOUR.matcher(colour).matches()) {
        out.add(prefix + "labels." + label + ": colour must be 6 hex digits like 'e85506', got '" + colour + "'");
      }
    });
    if (c.email() != null) {
      email(c.email(), prefix + "email", out);
    }
    if (c.github().apiUrl() != null && !httpUrl(c.github().apiUrl())) {
      out.add(prefix + "github.api_url: must be an http:// or https:// URL, got '" + c.github().apiUrl() + "'");
    }
    if (c.github().webhookSecret() != null && blank(c.github().webhookSecret().reveal())) {
      out.add(prefix + "github.webhook_secret: empty");
    }
    if (c.pollSeconds() != null && (c.pollSeconds() < 1 || c.pollSeconds() > 86_400)) {
      out.add(prefix + "poll_seconds: must be between 1 and 86400, got " + c.pollSeconds());
    }
    if (c.seriesBranchTtlDays() != null && c.seriesBranchTtlDays() < 0) {
      out.add(prefix + "series_branch_ttl_days: must be 0 or more, got " + c.seriesBranchTtlDays());
    }
    return out;
  }

  private static void patchwork(PatchworkConfig p, String key, List<String> out) {
    if (p == null) {
      out.add(key + ": required (server, project, search_patterns, lookback)");
      return;
    }
    if (blank(p.server())) {
      out.add(key + ".server: required (a host name or URL)");
    } else if (!(p.server().contains("://") ? httpUrl(p.server()) : HOST.matcher(p.server()).matches())) {
      out.add(key + ".server: not a host name or http(s) URL: '" + p.server() + "'");
    }
    if (blank(p.project())) {
      out.add(key + ".project: required (the project's link name)");
    }
    for (int i = 0; i < p.searchPatterns().size(); i++) {
      for (Map.Entry<String, String> e : p.searchPatterns().get(i).entrySet()) {
        if (e.getKey().isBlank() || e.getValue() == null) {
          out.add(key + ".search_patterns[" + i + "]: '" + e.getKey() + "' needs a name and a value");
        }
      }
    }
    if (p.lookback() == null) {
      out.add(key + ".lookback: required (days to look back; 0 for today only)");
    } else if (p.lookback() < 0) {
      out.add(key + ".lookback: must be 0 or more, got " + p.lookback());
    }
    if ((p.apiUsername() == null) != (p.apiToken() == null)) {
      // KPD posts checks only with both; one alone is a half-done setup
      out.add(key + ": give both api_username and api_token (to post checks) or neither");
    }
    states(p.relevantStates(), key + ".relevant_states", out);
    states(p.closedStates(), key + ".closed_states", out);
    for (String s : p.relevantStates()) {
      if (s != null && p.closedStates().contains(s)) {
        out.add(key + ".relevant_states: '" + s + "' is also in closed_states");
      }
    }
    if (p.stateTtlSeconds() != null) {
      p.stateTtlSeconds().forEach((state, secs) -> {
        if (!STATE.matcher(state).matches()) {
          out.add(key + ".state_ttl_seconds: not a state name: '" + state + "'");
        }
        if (secs == null || secs < 1) {
          out.add(key + ".state_ttl_seconds." + state + ": must be at least 1, got " + secs);
        }
      });
    }
  }

  private static void states(List<String> states, String key, List<String> out) {
    for (int i = 0; i < states.size(); i++) {
      String s = states.get(i);
      if (s == null || !STATE.matcher(s).matches()) {
        out.add(key + "[" + i + "]: a state name (lower-case letters, digits, '-'), got '" + s + "'");
      }
    }
  }

  private static void branch(String name, BranchConfig b, String key, List<String> out) {
    if (!BRANCH.matcher(name).matches() || name.contains("..") || name.endsWith("/")) {
      out.add(key + ": not usable as a git branch name: '" + name + "'");
    }
    if (b == null) {
      out.add(key + ": empty");
      return;
    }
    gitUrl(b.repo(), key + ".repo", out);
    gitUrl(b.upstream(), key + ".upstream", out);
    gitUrl(b.ciRepo(), key + ".ci_repo", out);
    if (b.gitUrl() != null) {
      gitUrl(b.gitUrl(), key + ".git_url", out);
    }
    if (!BRANCH.matcher(b.upstreamBranch()).matches()) {
      out.add(key + ".upstream_branch: not a branch name: '" + b.upstreamBranch() + "'");
    }
    if (blank(b.ciBranch())) {
      out.add(key + ".ci_branch: required");
    } else if (!BRANCH.matcher(b.ciBranch()).matches()) {
      out.add(key + ".ci_branch: not a branch name: '" + b.ciBranch() + "'");
    }
    if (b.githubOauthToken() == null && b.githubAppAuth() == null) {
      out.add(key + ": needs github_oauth_token or github_app_auth");
    } else if (b.githubOauthToken() != null && b.githubAppAuth() != null) {
      out.add(key + ": give github_oauth_token or github_app_auth, not both");
    }
    if (b.githubOauthToken() != null && blank(b.githubOauthToken().reveal())) {
      out.add(key + ".github_oauth_token: empty");
    }
    if (b.githubAppAuth() != null) {
      app(b.githubAppAuth(), key + ".github_app_auth", out);
    }
  }

  private static void app(BranchAuth.App a, String key, List<String> out) {
    if (a.appId() == null || a.appId() < 1) {
      out.add(key + ".app_id: required, a positive number");
    }
    if (a.installationId() == null || a.installationId() < 1) {
      out.add(key + ".installation_id: required, a positive number");
    }
    if ((a.privateKey() == null) == (a.privateKeyPath() == null)) {
      out.add(key + ": give private_key or private_key_path, exactly one");
    } else if (a.privateKey() != null && blank(a.privateKey().reveal())) {
      out.add(key + ".private_key: empty");
    } else if (a.privateKeyPath() != null) {
      try {
        Path p = Path.of(a.privateKeyPath());
        if (!Files.isRegularFile(p) || !Files.isReadable(p)) {
          out.add(key + ".private_key_path: no readable file at '" + a.privateKeyPath() + "'");
        }
      } catch (InvalidPathException e) {
        out.add(key + ".private_key_path: not a path: '" + a.privateKeyPath() + "'");
      }
    }
  }

  private static void email(EmailConfig e, String key, List<String> out) {
    if (blank(e.host())) {
      out.add(key + ".host: required");
    }
    if (e.port() != null && (e.port() < 1 || e.port() > 65535)) {
      out.add(key + ".port: must be between 1 and 65535, got " + e.port());
    }
    if (blank(e.user())) {
      out.add(key + ".user: required");
    }
    if (e.from() == null || !ADDRESS.matcher(e.from()).matches()) {
      out.add(key + ".from: required, an address like ci@example.org, got '" + e.from() + "'");
    }
    if (e.pass() == null) {
      out.add(key + ".pass: required (the password, or ${VARIABLE} to read it from the environment)");
    }
    addresses(e.to(), key + ".to", out);
    addresses(e.cc(), key + ".cc", out);
    regexes(e.submitterAllowlist(), key + ".submitter_allowlist", out);
    regexes(e.emailIgnoreWorkflows(), key + ".email_ignore_workflows", out);
    EmailConfig.PrCommentsForwarding f = e.prCommentsForwarding();
    if (f != null) {
      addresses(f.alwaysCc(), key + ".pr_comments_forwarding.always_cc", out);
      regexes(f.recipientAllowlist(), key + ".pr_comments_forwarding.recipient_allowlist", out);
      regexes(f.recipientDenylist(), key + ".pr_comments_forwarding.recipient_denylist", out);
    }
  }

  private static void addresses(List<String> list, String key, List<String> out) {
    for (int i = 0; i < list.size(); i++) {
      if (list.get(i) == null || !ADDRESS.matcher(list.get(i)).matches()) {
        out.add(key + "[" + i + "]: not an address: '" + list.get(i) + "'");
      }
    }
  }

  private static void regexes(List<String> list, String key, List<String> out) {
    for (int i = 0; i < list.size(); i++) {
      try {
        Pattern.compile(list.get(i) == null ? "" : list.get(i));
      } catch (PatternSyntaxException ex) {
        out.add(key + "[" + i + "]: bad regular expression: " + ex.getDescription());
      }
    }
  }

  /** What git can fetch from or push to: a URL with a host, an scp-like remote, or a local path. */
  private static void gitUrl(String url, String key, List<String> out) {
    if (blank(url)) {
      out.add(key + ": required (a git URL)");
      return;
    }
    if (url.startsWith("/") || SCP.matcher(url).matches()) {
      return;
    }
    try {
      URI u = new URI(url);
      if (u.getScheme() == null || (u.getHost() == null && !"file".equals(u.getScheme()))) {
        out.add(key + ": not a git URL (https://host/owner/repo, git@host:owner/repo or /path): '" + url + "'");
      }
    } catch (URISyntaxException e) {
      out.add(key + ": not a URL: '" + url + "' (" + e.getReason() + ")");
    }
  }

  private static boolean httpUrl(String url) {
    try {
      URI u = new URI(url);
      return ("http".equals(u.getScheme()) || "https".equals(u.getScheme())) && u.getHost() != null;
    } catch (URISyntaxException e) {
      return false;
    }
  }

  private static boolean blank(String s) {
    return s == null || s.isBlank();
  }
}
