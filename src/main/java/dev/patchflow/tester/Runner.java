package dev.patchflow.tester;

import com.fasterxml.jackson.databind.JsonNode;
import dev.patchflow.git.GitException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The tester loop: claim a job this host can run, check out its tag, run its script with its
 * timeout while the log goes up and heartbeats keep the lease, report once, and again. A 409
 * anywhere means the lease is gone (the job went to another tester): the job is dropped.
 */
public final class Runner {
  private static final Logger LOG = LoggerFactory.getLogger(Runner.class);
  private final TesterClient client;
  private final Workspace workspace;
  private final String name;
  private final List<String> capabilities;
  private final List<String> projects;

  /** What one claim came to. */
  public enum Turn { IDLE, REPORTED, DROPPED }

  public Runner(TesterClient client, Workspace workspace, String name, List<String> capabilities, List<String> projects) {
    this.client = client;
    this.workspace = workspace;
    this.name = name;
    this.capabilities = List.copyOf(capabilities);
    this.projects = List.copyOf(projects);
  }

  /** Runs jobs until interrupted, sleeping {@code idle} whenever there is none. */
  public void loop(Duration idle) throws InterruptedException {
    while (!Thread.currentThread().isInterrupted()) {
      Turn t;
      try {
        t = once();
      } catch (IOException e) {
        LOG.atWarn().log("tester: " + e.getMessage());
        t = Turn.IDLE;
      }
      if (t == Turn.IDLE) {
        Thread.sleep(idle.toMillis());
      }
    }
  }

  /** One claim and, if it brought a job, its run and report. */
  public Turn once() throws IOException, InterruptedException {
    Optional<JsonNode> claim = client.claim(name, capabilities, projects);
    if (claim.isEmpty()) {
      return Turn.IDLE;
    }
    return run(claim.get());
  }

  private Turn run(JsonNode job) throws IOException, InterruptedException {
    long id = job.path("job").asLong();
    JsonNode test = job.path("test");
    LOG.atInfo().addKeyValue("job", id).addKeyValue("test", test.path("name").asText())
        .addKeyValue("ref", ref(job)).log("running");
    LogUploader log = new LogUploader(client, job.path("log_url").asText());
    ScriptRun script = new ScriptRun();
    ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "tester-job-" + id);
      t.setDaemon(true);
      return t;
    });
    long beatMs = Math.max(1000, Math.min(60_000, job.path("lease_seconds").asLong(120) * 1000 / 4));
    timers.scheduleWithFixedDelay(() -> beat(job, script), beatMs, beatMs, TimeUnit.MILLISECONDS);
    timers.scheduleWithFixedDelay(() -> upload(log, script), 1, 1, TimeUnit.SECONDS);
    ScriptRun.Outcome outcome;
    try {
      Path tree;
      String ref = ref(job);
      try {
        tree = workspace.checkout(job.path("repo").asText(), ref,
            job.path("kind").asText().equals("base") ? job.path("head").asText(null) : null);
      } catch (GitException e) {
        log.add(("patchflow tester: cannot check out " + ref + ": " + e.getMessage() + "\n")
            .getBytes(StandardCharsets.UTF_8));
        return report(job, log, "failure", null, 0);
      }
      log.add(("$ " + test.path("script").asText() + "\n").getBytes(StandardCharsets.UTF_8));
      outcome = script.run(test.path("script").asText(), tree, environment(job),
          Duration.ofSeconds(test.path("timeout").asLong()), bytes -> {
            log.add(bytes);
            if (log.pendingBytes() >= LogUploader.CHUNK) {
              upload(log, script);
            }
          });
    } finally {
      timers.shutdownNow();
      timers.awaitTermination(10, TimeUnit.SECONDS);
    }
    if (outcome instanceof ScriptRun.TimedOut t) {
      log.add(("\n[killed after the timeout of " + test.path("timeout").asLong() + " s]\n").getBytes(StandardCharsets.UTF_8));
      return report(job, log, "timeout", null, t.durationMs());
    }
    if (outcome instanceof ScriptRun.Exited e) {
      log.add(("\n[exit code " + e.code() + "]\n").getBytes(StandardCharsets.UTF_8));
      return report(job, log, e.code() == 0 ? "success" : "failure", e.code(), e.durationMs());
    }
    return Turn.DROPPED; // stopped: the lease is gone
  }

  /** The whole log first, then the result, once: a retry after a lost answer meets 409 and stops. */
  private Turn report(JsonNode job, LogUploader log, String status, Integer exitCode, long durationMs)
      throws IOException, InterruptedException {
    if (!log.flush()) {
      return Turn.DROPPED;
    }
    Map<String, Object> body = new HashMap<>();
    body.put("status", status);
    body.put("exit_code", exitCode);
    body.put("duration_ms", durationMs);
    TesterClient.Answer a = client.send("PUT", job.path("result_url").asText(), "application/json",
        dev.patchflow.api.Json.write(body).getBytes(StandardCharsets.UTF_8));
    if (!a.ok()) {
      LOG.atWarn().addKeyValue("job", job.path("job").asLong()).addKeyValue("status", a.status())
          .log("result refused: " + a.body());
      return Turn.DROPPED;
    }
    return Turn.REPORTED;
  }

  private void beat(JsonNode job, ScriptRun script) {
    try {
      TesterClient.Answer a = client.send("POST", job.path("heartbeat_url").asText(), "application/json", new byte[0]);
      if (a.status() == 409) {
        script.stop();
      }
    } catch (IOException e) {
      LOG.atWarn().log("heartbeat failed: " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static void upload(LogUploader log, ScriptRun script) {
    try {
      if (!log.flush()) {
        script.stop();
      }
    } catch (IOException e) {
      LOG.atWarn().log("log upload failed: " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** What to fetch; a server from before "ref" gives only the tag. */
  private static String ref(JsonNode job) {
    String ref = job.path("ref").asText("");
    return ref.isEmpty() ? "refs/tags/" + job.path("tag").asText() : ref;
  }

  private static Map<String, String> environment(JsonNode job) {
    Map<String, String> env = new HashMap<>();
    env.put("PATH", System.getenv().getOrDefault("PATH", "/usr/local/bin:/usr/bin:/bin"));
    env.put("HOME", System.getenv().getOrDefault("HOME", "/tmp"));
    env.put("LANG", "C.UTF-8");
    env.put("PATCHFLOW_TAG", job.path("tag").asText(""));
    env.put("PATCHFLOW_BASE", job.path("base").asText(""));
    env.put("PATCHFLOW_HEAD", job.path("head").asText(""));
    env.put("PATCHFLOW_REF", ref(job));
    env.put("PATCHFLOW_SERIES_URL", job.path("series_url").asText(""));
    env.put("PATCHFLOW_REPO", job.path("repo").asText(""));
    return env;
  }
}
