package dev.patchflow.ci;

import io.javalin.Javalin;
import io.javalin.http.Context;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * GitHub's webhook for the bridge: a signed `workflow_run`, `workflow_job` or `pull_request`
 * event wakes the bridge, so results reach Patchwork seconds after a run ends instead of at the
 * next poll. Unsigned or wrongly signed deliveries are refused; the body is not otherwise
 * trusted, since the pass that follows asks GitHub itself.
 */
public final class CiWebhook {
  public static final String PATH = "/api/v1/ci/github-webhook";
  private static final Logger LOG = LoggerFactory.getLogger(CiWebhook.class);
  private static final Set<String> WAKING = Set.of("workflow_run", "workflow_job", "pull_request", "check_suite");
  private final String secret;
  private final Runnable wake;
  private final AtomicLong accepted = new AtomicLong();

  public CiWebhook(String secret, Runnable wake) {
    this.secret = secret;
    this.wake = wake;
  }

  public void register(Javalin app) {
    app.post(PATH, this::deliver);
  }

  public long accepted() {
    return accepted.get();
  }

  private void deliver(Context ctx) {
    byte[] body = ctx.bodyAsBytes();
    if (!WebhookSignature.valid(secret, body, ctx.header("X-Hub-Signature-256"))) {
      LOG.atWarn().addKeyValue("delivery", ctx.header("X-GitHub-Delivery")).log("webhook refused: bad signature");
      ctx.status(401).result("bad signature");
      return;
    }
    String event = ctx.header("X-GitHub-Event");
    if (event != null && WAKING.contains(event)) {
      accepted.incrementAndGet();
      wake.run();
      ctx.status(202).result("waking the bridge");
    } else {
      ctx.status(204);
    }
  }
}
