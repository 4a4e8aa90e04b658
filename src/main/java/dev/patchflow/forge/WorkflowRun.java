package dev.patchflow.forge;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;

/**
 * A GitHub Actions workflow run.
 *
 * @param status "queued", "in_progress", "completed" (or "waiting", "requested", "pending")
 * @param conclusion null until completed; then "success", "failure", "cancelled", "skipped",
 *     "timed_out", "action_required", "neutral", "stale" or "startup_failure"
 * @param actorLogin who triggered it (for pull request runs: who pushed or opened the PR)
 */
public record WorkflowRun(long id, String name, String headSha, String headBranch, String status,
    String conclusion, String htmlUrl, String event, Instant createdAt, Instant updatedAt, String actorLogin) {

  public boolean completed() {
    return "completed".equals(status);
  }

  static WorkflowRun from(JsonNode n) {
    return new WorkflowRun(n.path("id").asLong(), Json.text(n, "name"), Json.text(n, "head_sha"),
        Json.text(n, "head_branch"), Json.text(n, "status"), Json.text(n, "conclusion"), Json.text(n, "html_url"),
        Json.text(n, "event"), Json.instant(n, "created_at"), Json.instant(n, "updated_at"),
        Json.text(n.path("actor"), "login"));
  }
}
