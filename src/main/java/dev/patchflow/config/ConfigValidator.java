package dev.patchflow.config;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/** Checks values that parse but make no sense; each problem names its key. */
final class ConfigValidator {
  private static final Pattern PROJECT_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,99}");

  private static final Pattern TEST_NAME = Pattern.compile("[A-Za-z0-9_-]{1,100}");
  private static final Pattern CAPABILITY = Pattern.compile("[A-Za-z0-9._-]{1,100}");

  private ConfigValidator() {}

  static List<String> problems(Config c) {
    List<String> out = new ArrayList<>();
    DatabaseConfig db = c.database();
    if (db.url() != null && !db.url().startsWith("jdbc:h2:") && !db.url().startsWith("jdbc:postgresql:")) {
      out.add("database.url: must be a jdbc:postgresql: or jdbc:h2: URL, got '" + db.url() + "'");
    }
    if (db.poolSize() != null && (db.poolSize() < 1 || db.poolSize() > 200)) {
      out.add("database.pool_size: must be between 1 and 200, got " + db.poolSize());
    }
    Integer batch = c.intake().batchSize();
    if (batch != null && (batch < 1 || batch > 10_000)) {
      out.add("intake.batch_size: must be between 1 and 10000, got " + batch);
    }
    Set<String> projectNames = new HashSet<>();
    c.projects().forEach(p -> projectNames.add(p.name()));
    Set<String> sourceNames = new HashSet<>();
    for (int i = 0; i < c.intake().imap().size(); i++) {
      imap(c.intake().imap().get(i), "intake.imap[" + i + "]", projectNames, sourceNames, out);
    }
    publicInboxes(c, out);
    ServerConfig server = c.server();
    if (server.port() != null && (server.port() < 0 || server.port() > 65535)) {
      out.add("server.port: must be between 0 and 65535, got " + server.port());
    }
    if (server.baseUrl() != null && !server.baseUrl().matches("https?://.+")) {
      out.add("server.base_url: must be an http:// or https:// URL, got '" + server.baseUrl() + "'");
    }
    if (server.cacheMb() != null && (server.cacheMb() < 0 || server.cacheMb() > 65_536)) {
      out.add("server.cache_mb: must be between 0 (no cache) and 65536, got " + server.cacheMb());
    }
    Set<Integer> stateIds = new HashSet<>();
    Set<String> stateSlugs = new HashSet<>(List.of("new", "under-review", "accepted", "rejected", "rfc",
        "not-applicable", "changes-requested", "awaiting-upstream", "superseded", "deferred"));
    for (int i = 0; i < c.states().size(); i++) {
      state(c.states().get(i), "states[" + i + "]", stateIds, stateSlugs, out);
    }
    // State ids and slugs are one namespace: clients look states up by either, across projects.
    for (int i = 0; i < c.projects().size(); i++) {
      List<StateConfig> own = c.projects().get(i).states();
      for (int j = 0; j < own.size(); j++) {
        state(own.get(j), "projects[" + i + "].states[" + j + "]", stateIds, stateSlugs, out);
      }
    }
    ApplierConfig applier = c.applier();
    if (applier.workers() != null && (applier.workers() < 1 || applier.workers() > 64)) {
      out.add("applier.workers: must be between 1 and 64, got " + applier.workers());
    }
    if (applier.pollSeconds() != null && applier.pollSeconds() < 1) {
      out.add("applier.poll_seconds: must be at least 1, got " + applier.pollSeconds());
    }
    if (applier.mergeScanMinutes() != null && applier.mergeScanMinutes() < 1) {
      out.add("applier.merge_scan_minutes: must be at least 1, got " + applier.mergeScanMinutes());
    }
    if (applier.maxAgeDays() != null && applier.maxAgeDays() < 1) {
      out.add("applier.max_age_days: must be at least 1, got " + applier.maxAgeDays());
    }
    if (applier.mergeScanDepth() != null && applier.mergeScanDepth() < 1) {
      out.add("applier.merge_scan_depth: must be at least 1, got " + applier.mergeScanDepth());
    }
    notifications(c.notifications(), out);
    if (c.ci() != null) {
      out.addAll(dev.patchflow.ci.config.CiConfigValidator.problems(c.ci(), "ci."));
    }
    if (c.backport() != null) {
      out.addAll(dev.patchflow.backport.config.BackportConfigValidator.problems(c.backport(), "backport."));
    }
    Set<String> names = new HashSet<>();
    for (int i = 0; i < c.projects().size(); i++) {
      ProjectConfig p = c.projects().get(i);
      String key = "projects[" + i + "]";
      if (p.name() == null || !PROJECT_NAME.matcher(p.name()).matches()) {
        out.add(key + ".name: required; letters, digits, '.', '_' or '-' (got '" + p.name() + "')");
      } else if (!names.add(p.name())) {
        out.add(key + ".name: '" + p.name() + "' is defined twice");
      }
      if (p.git() != null) {
        if (p.git().baseRepo() == null || p.git().baseRepo().isBlank()) {
          out.add(key + ".git.base_repo: required (a URL or path git can fetch from)");
        }
        if (p.git().pushUrl() == null || p.git().pushUrl().isBlank()) {
          out.add(key + ".git.push_url: required (where tags of applied series are pushed)");
        }
        if (p.git().baseBranch() != null && !p.git().baseBranch().matches("[A-Za-z0-9._/-]+")) {
          out.add(key + ".git.base_branch: not a branch name: '" + p.git().baseBranch() + "'");
        }
      }
      tests(p.tests(), key, out);
      for (int j = 0; j < p.tests().size(); j++) {
        if (p.tests().get(j).onBase() && p.git() == null) {
          out.add(key + ".tests[" + j + "].base: a base test needs the project's git tree (git.base_repo, "
              + "git.base_branch)");
        }
      }
      probes(p.probes(), key, out);
      if (p.listId() == null && p.listEmails().isEmpty()) {
        out.add(key + ": give list_id or list_emails, or no mail can reach the project");
      }
      for (int j = 0; j < p.prefixes().size(); j++) {
        String rule = p.prefixes().get(j);
        if (rule == null || rule.isBlank() || rule.equals("!") || rule.equals("/")) {
          out.add(key + ".prefixes[" + j + "]: empty rule");
        } else if (rule.startsWith("/")) {
          try {
            Pattern.compile(rule.substring(1));
          } catch (PatternSyntaxException e) {
            out.add(key + ".prefixes[" + j + "]: bad regular expression: " + e.getDescription());
          }
        }
      }
    }
    return out;
  }

  private static void tests(List<TestConfig> tests, String projectKey, List<String> out) {
    Set<String> names = new HashSet<>();
    for (int j = 0; j < tests.size(); j++) {
      TestConfig t = tests.get(j);
      String key = projectKey + ".tests[" + j + "]";
      // the name is also a Patchwork check context, which allows only these characters
      if (t.name() == null || !TEST_NAME.matcher(t.name()).matches()) {
        out.add(key + ".name: required; letters, digits, '_' or '-' (got '" + t.name() + "')");
      } else if (!names.add(t.name())) {
        out.add(key + ".name: '" + t.name() + "' is defined twice in this project");
      }
      if (t.script() == null || t.script().isBlank()) {
        out.add(key + ".script: required (run with bash -c in a checkout of the series)");
      }
      if (t.timeoutSeconds() != null && (t.timeoutSeconds() < 1 || t.timeoutSeconds() > 7 * 86_400)) {
        out.add(key + ".timeout_seconds: must be between 1 and 604800, got " + t.timeoutSeconds());
      }
      for (int k = 0; k < t.requirements().size(); k++) {
        String r = t.requirements().get(k);
        if (r == null || !CAPABILITY.matcher(r).matches()) {
          out.add(key + ".requirements[" + k + "]: letters, digits, '.', '_' or '-', got '" + r + "'");
        }
      }
    }
  }

  private static final Pattern ADDRESS = Pattern.compile("[^@\\s<>,]+@[^@\\s<>,]+");

  private static void notifications(NotificationsConfig n, List<String> out) {
    if (n == null) {
      return;
    }
    NotificationsConfig.Smtp smtp = n.smtp();
    if (smtp == null) {
      out.add("notifications.smtp: required (the server mail is sent through)");
    } else {
      if (smtp.host() == null || smtp.host().isBlank()) {
        out.add("notifications.smtp.host: required");
      }
      if (smtp.port() != null && (smtp.port() < 1 || smtp.port() > 65535)) {
        out.add("notifications.smtp.port: must be between 1 and 65535, got " + smtp.port());
      }
      if (smtp.from() == null || !ADDRESS.matcher(smtp.from()).matches()) {
        out.add("notifications.smtp.from: required, an address like patchflow@example.org, got '" + smtp.from() + "'");
      }
      if ((smtp.user() == null) != (smtp.password() == null)) {
        out.add("notifications.smtp: give both user and password (to log in) or neither");
      }
    }
    NotificationsConfig.OnFailure f = n.onFailure();
    if (f == null) {
      out.add("notifications.on_failure: required (to, submitter or list)");
      return;
    }
    if (f.to().isEmpty() && !f.submitterOrDefault() && !f.listOrDefault()) {
      out.add("notifications.on_failure: nobody to tell; give to, or submitter: true, or list: true");
    }
    for (int i = 0; i < f.to().size(); i++) {
      String a = f.to().get(i);
      if (a == null || !ADDRESS.matcher(a).matches()) {
        out.add("notifications.on_failure.to[" + i + "]: not an address: '" + a + "'");
      }
    }
    if (f.subject() != null && (f.subject().isBlank() || f.subject().contains("\n"))) {
      out.add("notifications.on_failure.subject: one non-empty line");
    }
  }

  private static void imap(ImapSourceConfig s, String key, Set<String> projects, Set<String> names, List<String> out) {
    if (s.host() == null || s.host().isBlank()) {
      out.add(key + ".host: required");
    }
    if (s.port() != null && (s.port() < 1 || s.port() > 65535)) {
      out.add(key + ".port: must be between 1 and 65535, got " + s.port());
    }
    if (s.user() == null || s.user().isBlank()) {
      out.add(key + ".user: required");
    }
    if (s.password() == null) {
      out.add(key + ".password: required (the password, or ${VARIABLE} to read it from the environment)");
    }
    if (s.fingerprint() != null) {
      if (!s.fingerprint().replace(":", "").matches("[0-9A-Fa-f]{64}")) {
        out.add(key + ".fingerprint: must be a SHA-256 in hex (64 digits, colons allowed)");
      }
      if (s.security() == ImapSourceConfig.Security.NONE) {
        out.add(key + ".fingerprint: pins a TLS certificate, but security is none");
      }
    }
    AfterAction after = null;
    try {
      after = s.afterAction();
    } catch (IllegalArgumentException e) {
      out.add(key + ".after: " + e.getMessage());
    }
    for (int j = 0; j < s.folders().size(); j++) {
      if (s.folders().get(j) == null || s.folders().get(j).isBlank()) {
        out.add(key + ".folders[" + j + "]: empty folder name");
      }
    }
    if (after instanceof AfterAction.Move m && s.folders().contains(m.folder())) {
      out.add(key + ".after: moves mail into " + m.folder() + ", which is also imported from");
    }
    for (int j = 0; j < s.projects().size(); j++) {
      if (!projects.contains(s.projects().get(j))) {
        out.add(key + ".projects[" + j + "]: no project named '" + s.projects().get(j) + "' in projects");
      }
    }
    if (s.pollSeconds() != null && (s.pollSeconds() < 1 || s.pollSeconds() > 1740)) {
      // RFC 2177: an IDLE must be renewed within 29 minutes
      out.add(key + ".poll_seconds: must be between 1 and 1740, got " + s.pollSeconds());
    }
    if (s.host() != null && s.user() != null && !names.add(s.nameOrDefault())) {
      out.add(key + ".name: '" + s.nameOrDefault() + "' is used by another source; give each a name of its own");
    }
  }

  private static void publicInboxes(Config c, List<String> out) {
    Set<String> projectNames = new HashSet<>();
    c.projects().forEach(p -> projectNames.add(p.name()));
    List<PublicInboxConfig> all = c.intake().publicInbox();
    for (int i = 0; i < all.size(); i++) {
      PublicInboxConfig pi = all.get(i);
      String key = "intake.public_inbox[" + i + "]";
      if (pi.path() == null || pi.path().isBlank()) {
        out.add(key + ".path: required (an inbox holding git/N.git, an epoch, or a directory of inboxes)");
      }
      if (pi.pollSeconds() != null && (pi.pollSeconds() < 1 || pi.pollSeconds() > 86_400)) {
        out.add(key + ".poll_seconds: must be between 1 and 86400, got " + pi.pollSeconds());
      }
      for (int j = 0; j < pi.projects().size(); j++) {
        if (!projectNames.contains(pi.projects().get(j))) {
          out.add(key + ".projects[" + j + "]: no project named '" + pi.projects().get(j) + "' in projects");
        }
      }
    }
  }

  private static void state(StateConfig st, String key, Set<Integer> ids, Set<String> slugs, List<String> out) {
    if (st.id() == null || st.id() <= 10 || st.id() > 1_000_000) {
      out.add(key + ".id: required, above 10 (1-10 are Patchwork's defaults), got " + st.id());
    } else if (!ids.add(st.id())) {
      out.add(key + ".id: " + st.id() + " is used twice");
    }
    if (st.slug() == null || !st.slug().matches("[a-z0-9][a-z0-9-]{0,99}")) {
      out.add(key + ".slug: lower-case letters, digits and '-', got '" + st.slug() + "'");
    } else if (!slugs.add(st.slug())) {
      out.add(key + ".slug: '" + st.slug() + "' already exists");
    }
    if (st.name() == null || st.name().isBlank()) {
      out.add(key + ".name: required");
    }
  }

  private static void probes(List<ProbeConfig> probes, String key, List<String> out) {
    for (int j = 0; j < probes.size(); j++) {
      ProbeConfig probe = probes.get(j);
      if (probe.name() == null || !CAPABILITY.matcher(probe.name()).matches()) {
        out.add(key + ".probes[" + j + "].name: letters, digits, '.', '_' or '-' (a capability name), got '"
            + probe.name() + "'");
      }
      if (probe.script() == null || probe.script().isBlank()) {
        out.add(key + ".probes[" + j + "].script: required (exits 0 where the tester has the capability)");
      }
    }
  }
}
