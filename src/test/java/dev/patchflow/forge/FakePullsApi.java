package dev.patchflow.forge;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/** Pull requests, git refs and commit statuses of the fake. */
final class FakePullsApi {
  private static final String REPO = "/repos/{owner}/{repo}";
  private final FakeGitHub gh;

  FakePullsApi(FakeGitHub gh) {
    this.gh = gh;
  }

  void routes(Javalin app) {
    app.get(REPO + "/pulls", ctx -> locked(ctx, this::list));
    app.post(REPO + "/pulls", ctx -> locked(ctx, this::create));
    app.get(REPO + "/pulls/{number}", ctx -> locked(ctx, c -> {
      FakeRepo r = gh.repo(c);
      gh.respond(c, 200, r.pullJson(r.pull(Integer.parseInt(c.pathParam("number")))));
    }));
    app.patch(REPO + "/pulls/{number}", ctx -> locked(ctx, this::update));
    app.get(REPO + "/git/ref/heads/<branch>", ctx -> locked(ctx, this::getRef));
    app.get(REPO + "/git/matching-refs/<ref>", ctx -> locked(ctx, this::matchingRefs));
    app.delete(REPO + "/git/refs/heads/<branch>", ctx -> locked(ctx, this::deleteRef));
    app.post(REPO + "/statuses/{sha}", ctx -> locked(ctx, this::setStatus));
  }

  private void locked(Context ctx, io.javalin.http.Handler h) throws Exception {
    synchronized (gh.lock) {
      h.handle(ctx);
    }
  }

  private void list(Context ctx) {
    FakeRepo r = gh.repo(ctx);
    String state = ctx.queryParamAsClass("state", String.class).getOrDefault("open");
    String head = ctx.queryParam("head");
    String base = ctx.queryParam("base");
    List<Object> out = new ArrayList<>();
    // a push to a pull request's branch updates it, as on GitHub
    r.pulls.values().forEach(p -> r.headSha(p.head).ifPresent(sha -> {
      if (!sha.equals(p.seenHead)) {
        if (p.seenHead != null) {
          p.updatedAt = gh.clock.instant();
        }
        p.seenHead = sha;
      }
    }));
    Comparator<FakeRepo.Pull> order = "updated".equals(ctx.queryParam("sort"))
        ? Comparator.comparing((FakeRepo.Pull p) -> p.updatedAt).thenComparingInt(p -> p.number)
        : Comparator.comparingInt((FakeRepo.Pull p) -> p.number);
    if (!"asc".equals(ctx.queryParam("direction"))) {
      order = order.reversed();
    }
    r.pulls.values().stream().sorted(order)
        .filter(p -> state.equals("all") || p.state.equals(state))
        .filter(p -> head == null || head.equals(r.owner + ":" + p.head))
        .filter(p -> base == null || base.equals(p.base))
        .forEach(p -> out.add(r.pullJson(p)));
    gh.respondPage(ctx, out, page -> page);
  }

  private void create(Context ctx) {
    FakeRepo r = gh.repo(ctx);
    JsonNode in = FakeGitHub.body(ctx);
    String title = in.path("title").asText("");
    String head = in.path("head").asText("").replaceFirst("^" + r.owner + ":", "");
    String base = in.path("base").asText("");
    if (title.isBlank()) {
      throw FakeError.invalid("PullRequest", "title", "missing_field");
    }
    if (r.headSha(head).isEmpty()) {
      throw FakeError.invalid("PullRequest", "head", "invalid");
    }
    if (r.headSha(base).isEmpty()) {
      throw FakeError.invalid("PullRequest", "base", "invalid");
    }
    boolean duplicate = r.pulls.values().stream().anyMatch(p -> p.state.equals("open") && p.head.equals(head));
    if (duplicate) {
      throw FakeError.custom("PullRequest", "A pull request already exists for " + r.owner + ":" + head + ".");
    }
    if (r.headSha(head).equals(r.headSha(base))) {
      throw FakeError.custom("PullRequest", "No commits between " + base + " and " + head);
    }
    FakeRepo.Pull p = new FakeRepo.Pull();
    p.number = r.nextNumber++;
    p.title = title;
    p.body = in.path("body").isNull() ? null : in.path("body").asText(null);
    p.head = head;
    p.base = base;
    p.user = FakeGitHub.login(ctx);
    p.createdAt = gh.clock.instant();
    p.updatedAt = p.createdAt;
    r.headSha(p);
    r.pulls.put(p.number, p);
    gh.actions.sync(r, p);
    gh.respond(ctx, 201, r.pullJson(p));
  }

  private void update(Context ctx) {
    FakeRepo r = gh.repo(ctx);
    FakeRepo.Pull p = r.pull(Integer.parseInt(ctx.pathParam("number")));
    JsonNode in = FakeGitHub.body(ctx);
    if (in.has("title")) {
      p.title = in.get("title").asText();
    }
    if (in.has("body")) {
      p.body = in.get("body").asText();
    }
    if (in.has("base")) {
      p.base = in.get("base").asText();
    }
    if (in.has("state")) {
      String state = in.get("state").asText();
      if (!state.equals("open") && !state.equals("closed")) {
        throw FakeError.invalid("PullRequest", "state", "invalid");
      }
      if (state.equals("open") && r.headSha(p.head).isEmpty()) {
        throw FakeError.custom("PullRequest", "state cannot be changed. The " + p.head + " branch has been deleted.");
      }
      p.state = state;
    }
    p.updatedAt = gh.clock.instant();
    if (p.state.equals("open")) {
      gh.actions.sync(r, p);
    }
    gh.respond(ctx, 200, r.pullJson(p));
  }

  private void getRef(Context ctx) {
    FakeRepo r = gh.repo(ctx);
    String branch = ctx.pathParam("branch");
    String sha = r.headSha(branch).orElseThrow(FakeError::notFound);
    gh.respond(ctx, 200, refJson(branch, sha));
  }

  private void matchingRefs(Context ctx) {
    FakeRepo r = gh.repo(ctx);
    String ref = ctx.pathParam("ref");
    if (!ref.startsWith("heads")) {
      gh.respond(ctx, 200, List.of());
      return;
    }
    String prefix = ref.equals("heads") ? "" : ref.substring("heads/".length());
    List<Object> out = new ArrayList<>();
    r.branches(prefix).forEach((b, sha) -> out.add(refJson(b, sha)));
    gh.respondPage(ctx, out, page -> page);
  }

  private static Map<String, Object> refJson(String branch, String sha) {
    return Map.of("ref", "refs/heads/" + branch, "object", Map.of("sha", sha, "type", "commit"));
  }

  private void deleteRef(Context ctx) {
    FakeRepo r = gh.repo(ctx);
    String branch = ctx.pathParam("branch");
    if (!r.deleteBranch(branch)) {
      throw new FakeError(422, "Reference does not exist");
    }
    // GitHub closes the open pull requests whose head branch is deleted
    r.pulls.values().stream().filter(p -> p.head.equals(branch) && p.state.equals("open")).forEach(p -> {
      p.state = "closed";
      p.updatedAt = gh.clock.instant();
    });
    gh.respond(ctx, 204, null);
  }

  private void setStatus(Context ctx) {
    FakeRepo r = gh.repo(ctx);
    JsonNode in = FakeGitHub.body(ctx);
    Map<String, String> s = Map.of("sha", ctx.pathParam("sha"), "state", in.path("state").asText(),
        "context", in.path("context").asText("default"), "description", in.path("description").asText(""),
        "target_url", in.path("target_url").asText(""));
    r.statuses.add(s);
    gh.respond(ctx, 201, s);
  }
}
