package dev.patchflow.backport.config;

import dev.patchflow.backport.Flavours;
import dev.patchflow.backport.KernelVersion;
import dev.patchflow.backport.Range;
import dev.patchflow.backport.RoutingRules;
import dev.patchflow.backport.Targets;
import dev.patchflow.forge.RepoRef;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checks a {@link BackportConfig} that parsed but makes no sense; every problem names its key.
 * Reads the routing rules file (its errors name the file and line) but never the network.
 */
public final class BackportConfigValidator {
  private static final Pattern BRANCH = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._/-]*");
  private static final Pattern FLAVOUR = Pattern.compile("[a-z0-9][a-z0-9_-]*");
  private static final Pattern SPEC = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._+-]*\\.spec");
  private static final Pattern AUTHOR = Pattern.compile("[^<>]+<[^@\\s<>]+@[^@\\s<>]+>");
  private static final Pattern PLACEHOLDER = Pattern.compile("\\{([a-z0-9]+)}");
  private static final Set<String> PLACEHOLDERS = Set.of("subject", "sha", "sha12", "cve");
  private static final Pattern SCP = Pattern.compile("[A-Za-z0-9._-]+@[A-Za-z0-9.-]+:.+");
  private static final Pattern CRON_FIELD = Pattern.compile("[0-9*/,A-Za-z-]+");

  private BackportConfigValidator() {}

  /** The problems, each prefixed with {@code prefix} ("backport." in patchflow.yaml). */
  public static List<String> problems(BackportConfig c, String prefix) {
    List<String> out = new ArrayList<>();
    source(c.upstream(), prefix + "upstream", out);
    if (c.upstreamRev().isBlank()) {
      out.add(prefix + "upstream_rev: empty");
    }
    try {
      Range.parse(c.cveRange());
    } catch (IllegalArgumentException e) {
      out.add(prefix + "cve_range: " + e.getMessage());
    }
    if (c.cveDir() != null && !isDir(c.cveDir())) {
      out.add(prefix + "cve_dir: no directory at '" + c.cveDir() + "'");
    }
    if (c.kernels().isEmpty()) {
      out.add(prefix + "kernels: required, at least one kernel line");
    }
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < c.kernels().size(); i++) {
      kernel(c.kernels().get(i), prefix + "kernels[" + i + "]", seen, out);
    }
    Flavours all = flavours(c);
    if (all != null) {
      rules(c, all, prefix, out);
    }
    String[] cron = c.schedule().strip().split("\\s+");
    if (cron.length != 5 || !java.util.Arrays.stream(cron).allMatch(f -> CRON_FIELD.matcher(f).matches())) {
      out.add(prefix + "schedule: want a 5-field cron line like '" + BackportConfig.DEFAULT_SCHEDULE + "', got '"
          + c.schedule() + "'");
    } else {
      try {
        dev.patchflow.backport.CronExpression.parse(c.schedule());
      } catch (IllegalArgumentException e) {
        out.add(prefix + "schedule: " + e.getMessage());
      }
    }
    network(c.network(), prefix + "network", out);
    if (c.logRetentionDays() < 1) {
      out.add(prefix + "log_retention_days: must be at least 1, got " + c.logRetentionDays());
    }
    if (c.watchDir() != null && !isDir(c.watchDir())) {
      out.add(prefix + "watch_dir: no directory at '" + c.watchDir() + "'");
    }
    github(c.github(), prefix + "github", out);
    BackportConfig.ChangelogConfig log = c.changelog();
    if (log.author() == null || !AUTHOR.matcher(log.author().strip()).matches()) {
      out.add(prefix + "changelog.author: required, 'Name <email>' (the %changelog entries' and commits' author), got '"
          + log.author() + "'");
    }
    if (log.message() != null) {
      Matcher m = PLACEHOLDER.matcher(log.message());
      while (m.find()) {
        if (!PLACEHOLDERS.contains(m.group(1))) {
          out.add(prefix + "changelog.message: unknown placeholder {" + m.group(1) + "} (known: {subject}, {sha}, "
              + "{sha12}, {cve})");
        }
      }
      if (log.message().isBlank()) {
        out.add(prefix + "changelog.message: empty");
      }
    }
    return out;
  }

  /** Every flavour any line names, for parsing rules; null when a line's specs are unusable. */
  public static Flavours flavours(BackportConfig c) {
    Map<String, String> names = new LinkedHashMap<>();
    for (KernelLineConfig k : c.kernels()) {
      if (k == null) {
        return null;
      }
      k.specs().forEach(names::putIfAbsent);
    }
    return names.isEmpty() ? null : new Flavours(names);
  }

  private static void kernel(KernelLineConfig k, String key, Set<String> seen, List<String> out) {
    if (k == null) {
      out.add(key + ": empty");
      return;
    }
    try {
      if (k.kernel() == null || !KernelVersion.parse(k.kernel()).isMainline()) {
        out.add(key + ".kernel: required, a mainline release such as 6.1, got '" + k.kernel() + "'");
      } else if (!seen.add(k.kernel())) {
        out.add(key + ".kernel: " + k.kernel() + " is listed twice");
      }
    } catch (IllegalArgumentException e) {
      out.add(key + ".kernel: " + e.getMessage());
    }
    if (blank(k.repo())) {
      out.add(key + ".repo: required (the packaging repository on GitHub, owner/name or its URL)");
    } else if (k.gitUrl() == null) {
      source(k.repo(), key + ".repo", out);
    }
    if (k.repo() != null && !k.repo().isBlank()) {
      try {
        RepoRef.parse(k.repo());
      } catch (IllegalArgumentException e) {
        out.add(key + ".repo: " + e.getMessage());
      }
    }
    if (k.gitUrl() != null) {
      source(k.gitUrl(), key + ".git_url", out);
    }
    branch(k.branch(), true, key + ".branch", out);
    branch(k.stableBranch(), false, key + ".stable_branch", out);
    if (k.baseTag() != null && !BRANCH.matcher(k.baseTag()).matches()) {
      out.add(key + ".base_tag: not a tag name: '" + k.baseTag() + "'");
    }
    if (blank(k.specDir())) {
      out.add(key + ".spec_dir: required (the spec files' folder in the branch, e.g. SPECS/linux)");
    } else if (k.specDir().startsWith("/") || List.of(k.specDir().split("/")).contains("..")) {
      out.add(key + ".spec_dir: a path inside the repository, got '" + k.specDir() + "'");
    }
    if (k.specs().isEmpty()) {
      out.add(key + ".specs: required (flavour → spec file, e.g. base: linux.spec)");
    }
    k.specs().forEach((name, file) -> {
      if (!FLAVOUR.matcher(name).matches() || name.equals("all") || name.equals("none")) {
        out.add(key + ".specs." + name + ": not a flavour name (lower-case letters, digits, '-', '_'; not all/none)");
      }
      if (file == null || !SPEC.matcher(file).matches()) {
        out.add(key + ".specs." + name + ": want a spec file name such as linux.spec, got '" + file + "'");
      }
    });
    if (k.kernelSource() != null) {
      source(k.kernelSource(), key + ".kernel_source", out);
    }
  }

  private static void rules(BackportConfig c, Flavours all, String prefix, List<String> out) {
    if (c.routingRules() != null) {
      try {
        RoutingRules.parse(c.routingRules(), Files.readString(Path.of(c.routingRules())), all);
      } catch (IOException | InvalidPathException e) {
        out.add(prefix + "routing_rules: cannot read '" + c.routingRules() + "'");
      } catch (RoutingRules.RulesException e) {
        out.add(prefix + "routing_rules: " + e.getMessage());
      }
    }
    if (c.pathRules() != null) {
      for (int i = 0; i < c.pathRules().size(); i++) {
        BackportConfig.PathRuleConfig r = c.pathRules().get(i);
        String key = prefix + "path_rules[" + i + "]";
        if (r == null || blank(r.glob())) {
          out.add(key + ".glob: required");
          continue;
        }
        try {
          Targets.parse(r.targets() == null ? "" : r.targets(), all);
        } catch (IllegalArgumentException e) {
          out.add(key + ".targets: " + e.getMessage());
        }
      }
    }
  }

  private static void network(BackportConfig.NetworkConfig n, String key, List<String> out) {
    for (int i = 0; n.hosts() != null && i < n.hosts().size(); i++) {
      String h = n.hosts().get(i);
      if (h == null || !h.matches("[A-Za-z0-9.-]+(:[0-9]+)?")) {
        out.add(key + ".hosts[" + i + "]: not a host name: '" + h + "'");
      }
    }
    if (n.timeoutSeconds() != null && (n.timeoutSeconds() < 1 || n.timeoutSeconds() > 600)) {
      out.add(key + ".timeout_seconds: must be between 1 and 600, got " + n.timeoutSeconds());
    }
    if (n.retries() != null && (n.retries() < 1 || n.retries() > 20)) {
      out.add(key + ".retries: must be between 1 and 20, got " + n.retries());
    }
  }

  private static void github(BackportConfig.GitHubConfig g, String key, List<String> out) {
    if (g.apiUrl() != null) {
      try {
        URI u = new URI(g.apiUrl());
        if (!("http".equals(u.getScheme()) || "https".equals(u.getScheme())) || u.getHost() == null) {
          out.add(key + ".api_url: must be an http:// or https:// URL, got '" + g.apiUrl() + "'");
        }
      } catch (URISyntaxException e) {
        out.add(key + ".api_url: not a URL: '" + g.apiUrl() + "'");
      }
    }
    if (g.token() != null && g.appAuth() != null) {
      out.add(key + ": give token or app_auth, not both");
    }
    if (g.token() != null && blank(g.token().reveal())) {
      out.add(key + ".token: empty");
    }
    BackportConfig.AppAuth a = g.appAuth();
    if (a != null) {
      if (a.appId() == null || a.appId() < 1) {
        out.add(key + ".app_auth.app_id: required, a positive number");
      }
      if (a.installationId() == null || a.installationId() < 1) {
        out.add(key + ".app_auth.installation_id: required, a positive number");
      }
      if ((a.privateKey() == null) == (a.privateKeyPath() == null)) {
        out.add(key + ".app_auth: give private_key or private_key_path, exactly one");
      } else if (a.privateKeyPath() != null && !Files.isReadable(Path.of(a.privateKeyPath()))) {
        out.add(key + ".app_auth.private_key_path: no readable file at '" + a.privateKeyPath() + "'");
      }
    }
  }

  private static void branch(String b, boolean required, String key, List<String> out) {
    if (b == null) {
      if (required) {
        out.add(key + ": required");
      }
    } else if (!BRANCH.matcher(b).matches() || b.contains("..") || b.endsWith("/")) {
      out.add(key + ": not a branch name: '" + b + "'");
    }
  }

  /** A git URL with a host, an scp-like remote, or a local path. */
  private static void source(String url, String key, List<String> out) {
    if (blank(url)) {
      out.add(key + ": required (a git URL or a local path)");
      return;
    }
    if (url.startsWith("/") || url.startsWith(".") || SCP.matcher(url).matches()) {
      return;
    }
    if (url.matches("[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+")) {
      return;
    }
    try {
      URI u = new URI(url);
      if (u.getScheme() == null || (u.getHost() == null && !"file".equals(u.getScheme()))) {
        out.add(key + ": not a git URL or path (https://host/owner/repo, git@host:owner/repo or /path): '" + url + "'");
      }
    } catch (URISyntaxException e) {
      out.add(key + ": not a URL: '" + url + "'");
    }
  }

  private static boolean isDir(String p) {
    try {
      return Files.isDirectory(Path.of(p));
    } catch (InvalidPathException e) {
      return false;
    }
  }

  private static boolean blank(String s) {
    return s == null || s.isBlank();
  }
}
