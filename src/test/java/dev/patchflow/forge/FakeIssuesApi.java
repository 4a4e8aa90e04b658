package dev.patchflow.forge;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Issue comments and labels of the fake (on pull requests, which are issues on GitHub). */
final class FakeIssuesApi {
  private static final String REPO = "/repos/{owner}/{repo}";
  private final FakeGitHub gh;

  FakeIssuesApi(FakeGitHub gh) {
    this.gh = gh;
  }

  void routes(Javalin app) {
    app.get(REPO + "/issues/{number}/comments", ctx -> locked(ctx, this::listComments));
    app.post(REPO + "/issues/{number}/comments", ctx -> locked(ctx, this::createComment));
    app.patch(REPO + "/issues/comments/{id}", ctx -> locked(ctx, this::updateComment));
    app.get(REPO + "/labels", ctx -> locked(ctx, this::listLabels));
    app.post(REPO + "/labels", ctx -> locked(ctx, this::createLabel));
    app.get(REPO + "/labels/{name}", ctx -> locked(ctx, c -> gh.respond(c, 200, labelJson(existing(c)))));
    app.patch(REPO + "/labels/{name}", ctx -> locked(ctx, this::updateLabel));
    app.get(REPO + "/issues/{number}/labels", ctx -> locked(ctx, c -> {
      FakeRepo r = gh.repo(c);
      gh.respondPage(c, new ArrayList<Object>(r.labelsJson(issue(c).labels)), page -> page);
    }));
    app.put(REPO + "/issues/{number}/labels", ctx -> locked(ctx, c -> changeLabels(c, true)));
    app.post(REPO + "/issues/{number}/labels", ctx -> locked(ctx, c -> changeLabels(c, false)));
    app.delete(REPO + "/issues/{number}/labels/{name}", ctx -> locked(ctx, this::removeLabel));
  }

  private void locked(Context ctx, io.javalin.http.Handler h) throws Exception {
    synchronized (gh.lock) {
      h.handle(ctx);
    }
  }

  private FakeRepo.Pull issue(Context ctx) {
    return gh.repo(ctx).pull(Integer.parseInt(ctx.pathParam("number")));
  }

  private void listComments(Context ctx) {
    FakeRepo r = gh.repo(ctx);
    int number = issue(ctx).number;
    List<Object> out = new ArrayList<>();
    r.comments.stream().filter(c -> c.number() == number).forEach(c -> out.add(commentJson(r, c)));
    gh.respondPage(ctx, out, page -> page);
  }

  private void createComment(Context ctx) {
    FakeRepo r = gh.repo(ctx);
    FakeRepo.Pull p = issue(ctx);
    String body = FakeGitHub.body(ctx).path("body").asText("");
    if (body.isBlank()) {
      throw FakeError.invalid("IssueComment", "body", "missing_field");
    }
    FakeRepo.FakeComment c = new FakeRepo.FakeComment(gh.nextId(), p.number, body, FakeGitHub.login(ctx), gh.clock.instant());
    r.comments.add(c);
    gh.respond(ctx, 201, commentJson(r, c));
  }

  private void updateComment(Context ctx) {
    FakeRepo r = gh.repo(ctx);
    long id = Long.parseLong(ctx.pathParam("id"));
    for (int i = 0; i < r.comments.size(); i++) {
      FakeRepo.FakeComment c = r.comments.get(i);
      if (c.id() == id) {
        FakeRepo.FakeComment edited = new FakeRepo.FakeComment(id, c.number(), FakeGitHub.body(ctx).path("body").asText(),
            c.user(), c.createdAt());
        r.comments.set(i, edited);
        gh.respond(ctx, 200, commentJson(r, edited));
        return;
      }
    }
    throw FakeError.notFound();
  }

  private static Map<String, Object> commentJson(FakeRepo r, FakeRepo.FakeComment c) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", c.id());
    m.put("body", c.body());
    m.put("user", Map.of("login", c.user()));
    m.put("created_at", c.createdAt().toString());
    m.put("html_url", "https://github.com/" + r.fullName() + "/pull/" + c.number() + "#issuecomment-" + c.id());
    return m;
  }

  private void listLabels(Context ctx) {
    List<Object> out = new ArrayList<>();
    gh.repo(ctx).labels.values().forEach(l -> out.add(labelJson(l)));
    gh.respondPage(ctx, out, page -> page);
  }

  private void createLabel(Context ctx) {
    FakeRepo r = gh.repo(ctx);
    JsonNode in = FakeGitHub.body(ctx);
    String name = in.path("name").asText("");
    String color = in.path("color").asText("ededed").replaceFirst("^#", "");
    if (name.isBlank()) {
      throw FakeError.invalid("Label", "name", "missing_field");
    }
    if (!color.matches("[0-9a-fA-F]{6}")) {
      throw FakeError.invalid("Label", "color", "invalid");
    }
    if (r.label(name) != null) {
      throw FakeError.invalid("Label", "name", "already_exists");
    }
    Label l = new Label(name, color.toLowerCase(Locale.ROOT));
    r.labels.put(name.toLowerCase(Locale.ROOT), l);
    gh.respond(ctx, 201, labelJson(l));
  }

  private Label existing(Context ctx) {
    Label l = gh.repo(ctx).label(ctx.pathParam("name"));
    if (l == null) {
      throw FakeError.notFound();
    }
    return l;
  }

  private void updateLabel(Context ctx) {
    FakeRepo r = gh.repo(ctx);
    Label old = existing(ctx);
    JsonNode in = FakeGitHub.body(ctx);
    String color = in.path("color").asText(old.color()).replaceFirst("^#", "").toLowerCase(Locale.ROOT);
    if (!color.matches("[0-9a-f]{6}")) {
      throw FakeError.invalid("Label", "color", "invalid");
    }
    Label updated = new Label(in.path("new_name").asText(old.name()), color);
    r.labels.remove(old.name().toLowerCase(Locale.ROOT));
    r.labels.put(updated.name().toLowerCase(Locale.ROOT), updated);
    gh.respond(ctx, 200, labelJson(updated));
  }

  private void changeLabels(Context ctx, boolean replace) {
    FakeRepo r = gh.repo(ctx);
    FakeRepo.Pull p = issue(ctx);
    JsonNode in = FakeGitHub.body(ctx);
    JsonNode names = in.isArray() ? in : in.path("labels");
    if (replace) {
      p.labels.clear();
    }
    for (JsonNode n : names) {
      Label l = r.labelOrCreate(n.asText());
      if (p.labels.stream().noneMatch(x -> x.equalsIgnoreCase(l.name()))) {
        p.labels.add(l.name());
      }
    }
    p.updatedAt = gh.clock.instant();
    gh.respond(ctx, 200, r.labelsJson(p.labels));
  }

  private void removeLabel(Context ctx) {
    FakeRepo r = gh.repo(ctx);
    FakeRepo.Pull p = issue(ctx);
    String name = ctx.pathParam("name");
    if (!p.labels.removeIf(x -> x.equalsIgnoreCase(name))) {
      throw new FakeError(404, "Label does not exist");
    }
    p.updatedAt = gh.clock.instant();
    gh.respond(ctx, 200, r.labelsJson(p.labels));
  }

  private static Map<String, Object> labelJson(Label l) {
    return Map.of("name", l.name(), "color", l.color());
  }
}
