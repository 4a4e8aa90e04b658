package dev.patchflow.forge;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * One repository of the fake: a real bare git repo (pushed to with real git, read live) plus
 * what GitHub keeps beside git: pull requests, labels, comments, statuses.
 */
public final class FakeRepo {
  final String owner;
  final String name;
  final Path bare;
  /** Pull requests and issues share one numbering, as on GitHub. */
  int nextNumber = 1;
  final Map<Integer, Pull> pulls = new LinkedHashMap<>();
  /** By lower-case name; GitHub's label names are case-insensitive. */
  final Map<String, Label> labels = new LinkedHashMap<>();
  final List<FakeComment> comments = new ArrayList<>();
  final List<Map<String, String>> statuses = new ArrayList<>();

  static final class Pull {
    int number;
    String title;
    String body;
    String state = "open";
    String head;
    String base;
    String user;
    String lastHeadSha;
    /** The head last seen by a listing: when it moves, the pull request counts as updated. */
    String seenHead;
    final List<String> labels = new ArrayList<>();
    Instant createdAt;
    Instant updatedAt;
  }

  record FakeComment(long id, int number, String body, String user, Instant createdAt) {}

  FakeRepo(String owner, String name, Path bare) {
    this.owner = owner;
    this.name = name;
    this.bare = bare;
    GitCli.git(Path.of("/"), "init", "-q", "--bare", "-b", "main", bare.toString());
    // GitHub repositories start with a commit on the default branch (README); so does ours
    Path seed = bare.resolveSibling(name + "-seed");
    GitCli.git(Path.of("/"), "init", "-q", "-b", "main", seed.toString());
    GitCli.git(seed, "commit", "-q", "--allow-empty", "-m", "Initial commit");
    GitCli.git(seed, "push", "-q", bare.toUri().toString(), "main");
  }

  public String fullName() {
    return owner + "/" + name;
  }

  /** What tests push to with real git. */
  public String url() {
    return bare.toUri().toString();
  }

  /** The commit {@code branch} points at now, read from the bare repo. */
  public Optional<String> headSha(String branch) {
    GitCli.Result r = GitCli.run(bare, "rev-parse", "-q", "--verify", "refs/heads/" + branch + "^{commit}");
    return r.code() == 0 ? Optional.of(r.out().strip()) : Optional.empty();
  }

  /** Branch name → sha for branches starting with {@code prefix}. */
  public Map<String, String> branches(String prefix) {
    Map<String, String> out = new LinkedHashMap<>();
    String list = GitCli.git(bare, "for-each-ref", "--format=%(refname) %(objectname)", "refs/heads/");
    for (String line : list.split("\n")) {
      if (line.isBlank()) {
        continue;
      }
      String[] parts = line.split(" ");
      String branch = parts[0].substring("refs/heads/".length());
      if (branch.startsWith(prefix)) {
        out.put(branch, parts[1]);
      }
    }
    return out;
  }

  boolean deleteBranch(String branch) {
    if (headSha(branch).isEmpty()) {
      return false; // update-ref -d succeeds on a missing ref; GitHub does not
    }
    GitCli.git(bare, "update-ref", "-d", "refs/heads/" + branch);
    return true;
  }

  /** The PR's head: live from git while its branch exists, else the last one seen (as GitHub keeps it). */
  String headSha(Pull p) {
    headSha(p.head).ifPresent(sha -> p.lastHeadSha = sha);
    return p.lastHeadSha;
  }

  Pull pull(int number) {
    Pull p = pulls.get(number);
    if (p == null) {
      throw FakeError.notFound();
    }
    return p;
  }

  Label label(String labelName) {
    return labels.get(labelName.toLowerCase(Locale.ROOT));
  }

  /** The label, created with GitHub's default grey when it does not exist yet. */
  Label labelOrCreate(String labelName) {
    return labels.computeIfAbsent(labelName.toLowerCase(Locale.ROOT), k -> new Label(labelName, "ededed"));
  }

  Map<String, Object> pullJson(Pull p) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("number", p.number);
    m.put("title", p.title);
    m.put("body", p.body);
    m.put("state", p.state);
    m.put("merged", false);
    m.put("html_url", "https://github.com/" + fullName() + "/pull/" + p.number);
    m.put("user", Map.of("login", p.user));
    m.put("head", Map.of("ref", p.head, "sha", headSha(p), "label", owner + ":" + p.head));
    m.put("base", Map.of("ref", p.base, "sha", headSha(p.base).orElse("")));
    m.put("labels", labelsJson(p.labels));
    m.put("created_at", p.createdAt.toString());
    m.put("updated_at", p.updatedAt.toString());
    return m;
  }

  List<Map<String, Object>> labelsJson(List<String> names) {
    List<Map<String, Object>> out = new ArrayList<>();
    for (String n : names) {
      Label l = label(n);
      out.add(Map.of("name", l.name(), "color", l.color()));
    }
    return out;
  }
}
