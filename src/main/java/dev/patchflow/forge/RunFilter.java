package dev.patchflow.forge;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * Which workflow runs to list; null fields do not filter. GitHub lists the newest first.
 * {@code RunFilter.all().headSha(sha).actor(login)}.
 *
 * @param status "queued", "in_progress", "completed", or a conclusion such as "failure"
 * @param limit at most this many runs (pages are followed until it is reached)
 */
public record RunFilter(String headSha, String branch, String event, String status, String actor,
    Instant createdSince, int perPage, int limit) {

  public static RunFilter all() {
    return new RunFilter(null, null, null, null, null, null, 100, 1000);
  }

  public RunFilter headSha(String v) {
    return new RunFilter(v, branch, event, status, actor, createdSince, perPage, limit);
  }

  public RunFilter branch(String v) {
    return new RunFilter(headSha, v, event, status, actor, createdSince, perPage, limit);
  }

  public RunFilter event(String v) {
    return new RunFilter(headSha, branch, v, status, actor, createdSince, perPage, limit);
  }

  public RunFilter status(String v) {
    return new RunFilter(headSha, branch, event, v, actor, createdSince, perPage, limit);
  }

  public RunFilter actor(String v) {
    return new RunFilter(headSha, branch, event, status, v, createdSince, perPage, limit);
  }

  public RunFilter createdSince(Instant v) {
    return new RunFilter(headSha, branch, event, status, actor, v, perPage, limit);
  }

  public RunFilter perPage(int v) {
    return new RunFilter(headSha, branch, event, status, actor, createdSince, v, limit);
  }

  public RunFilter limit(int v) {
    return new RunFilter(headSha, branch, event, status, actor, createdSince, perPage, v);
  }

  Route apply(Route r) {
    return r.with("head_sha", headSha).with("branch", branch).with("event", event).with("status", status)
        .with("actor", actor)
        .with("created", createdSince == null ? null : ">=" + createdSince.truncatedTo(ChronoUnit.SECONDS))
        .with("per_page", perPage);
  }
}
