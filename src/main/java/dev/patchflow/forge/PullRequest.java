package dev.patchflow.forge;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.List;

/** A pull request as GitHub lists it. {@code body} is "" when GitHub has none. */
public record PullRequest(int number, String title, String body, State state, String headRef, String headSha,
    String baseRef, List<Label> labels, String htmlUrl, String userLogin, Instant updatedAt) {

  /** GitHub's two states; a merged pull request is closed. */
  public enum State {
    OPEN, CLOSED;

    String wire() {
      return this == OPEN ? "open" : "closed";
    }
  }

  public PullRequest {
    body = body == null ? "" : body;
    labels = labels == null ? List.of() : List.copyOf(labels);
  }

  public boolean hasLabel(String name) {
    return labels.stream().anyMatch(l -> l.name().equalsIgnoreCase(name));
  }

  static PullRequest from(JsonNode n) {
    return new PullRequest(n.path("number").asInt(), Json.text(n, "title"), Json.text(n, "body"),
        "closed".equals(Json.text(n, "state")) ? State.CLOSED : State.OPEN,
        Json.text(n.path("head"), "ref"), Json.text(n.path("head"), "sha"), Json.text(n.path("base"), "ref"),
        Json.list(n.path("labels"), Label::from), Json.text(n, "html_url"), Json.text(n.path("user"), "login"),
        Json.instant(n, "updated_at"));
  }
}
