package dev.patchflow.forge;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;

/** A comment on a pull request's conversation (an issue comment). */
public record Comment(long id, String body, String userLogin, Instant createdAt) {
  static Comment from(JsonNode n) {
    return new Comment(n.path("id").asLong(), Json.text(n, "body"), Json.text(n.path("user"), "login"),
        Json.instant(n, "created_at"));
  }
}
