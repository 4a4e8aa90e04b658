package dev.patchflow.forge;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/** A job of a workflow run, with its steps. Status and conclusion as in {@link WorkflowRun}. */
public record WorkflowJob(long id, long runId, String name, String status, String conclusion, String htmlUrl,
    List<Step> steps) {

  public record Step(String name, String status, String conclusion) {}

  public WorkflowJob {
    steps = steps == null ? List.of() : List.copyOf(steps);
  }

  public boolean completed() {
    return "completed".equals(status);
  }

  static WorkflowJob from(JsonNode n) {
    return new WorkflowJob(n.path("id").asLong(), n.path("run_id").asLong(), Json.text(n, "name"),
        Json.text(n, "status"), Json.text(n, "conclusion"), Json.text(n, "html_url"),
        Json.list(n.path("steps"), s -> new Step(Json.text(s, "name"), Json.text(s, "status"), Json.text(s, "conclusion"))));
  }
}
