package dev.patchflow.notify;

import dev.patchflow.config.NotificationsConfig;
import dev.patchflow.config.ProjectConfig;
import dev.patchflow.store.Database;
import dev.patchflow.store.TestJobRepository;
import dev.patchflow.tester.JobReports;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Mails a failed or timed-out test to the configured people, in the series' thread. It runs on
 * its own thread after the result is committed: a slow or broken mail server neither delays
 * nor fails the tester's report. A mail that cannot be sent is tried {@link #TRIES} times, then
 * logged and dropped (without the SMTP password: only the server's answer is logged).
 */
public final class FailureNotifier implements JobReports.Listener, AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(FailureNotifier.class);
  static final int TRIES = 3;
  private final Database db;
  private final NotificationsConfig config;
  private final Map<String, ProjectConfig> projects = new java.util.HashMap<>();
  private final SmtpSender sender;
  private final Duration retryAfter;
  private final ExecutorService executor = Executors.newSingleThreadExecutor(r -> {
    Thread t = new Thread(r, "patchflow-notify");
    t.setDaemon(true);
    return t;
  });

  public FailureNotifier(Database db, NotificationsConfig config, List<ProjectConfig> projects, Duration retryAfter) {
    this.db = db;
    this.config = config;
    projects.forEach(p -> this.projects.put(p.name(), p));
    this.sender = new SmtpSender(config.smtp());
    this.retryAfter = retryAfter;
  }

  /** The notifier of this configuration, or a listener that does nothing when no mail is configured. */
  public static JobReports.Listener of(Database db, NotificationsConfig config, List<ProjectConfig> projects) {
    return config == null ? JobReports.Listener.NONE : new FailureNotifier(db, config, projects, Duration.ofSeconds(30));
  }

  @Override
  public void finished(TestJobRepository.Job job, String logUrl) {
    if (job.state().equals("failure") || job.state().equals("timeout")) {
      executor.execute(() -> notify(job, logUrl));
    }
  }

  private void notify(TestJobRepository.Job job, String logUrl) {
    FailureMail mail;
    try {
      Optional<FailedTest> t = describe(job, logUrl);
      if (t.isEmpty()) {
        return;
      }
      mail = FailureMails.compose(config.onFailure(), config.smtp().from(), t.get());
    } catch (RuntimeException e) {
      LOG.atError().addKeyValue("job", job.id()).setCause(e).log("could not compose the failure mail");
      return;
    }
    if (mail.to().isEmpty()) {
      LOG.atWarn().addKeyValue("job", job.id()).log("failure mail: nobody to send it to");
      return;
    }
    for (int attempt = 1; attempt <= TRIES; attempt++) {
      try {
        sender.send(mail);
        LOG.atInfo().addKeyValue("job", job.id()).addKeyValue("to", mail.to()).log("failure mail sent");
        return;
      } catch (jakarta.mail.MessagingException | RuntimeException e) {
        // the exception's message is the server's answer; the session never holds the password
        LOG.atError().addKeyValue("job", job.id()).addKeyValue("attempt", attempt)
            .addKeyValue("server", config.smtp().host() + ":" + config.smtp().portOrDefault())
            .log("failure mail not sent: " + e.getClass().getSimpleName() + ": "
                + String.valueOf(e.getMessage()).strip()
                + (attempt < TRIES ? "; trying again in " + retryAfter.toMillis() + " ms" : "; giving up"));
        if (attempt < TRIES && !sleep()) {
          return;
        }
      }
    }
  }

  private boolean sleep() {
    try {
      Thread.sleep(retryAfter.toMillis());
      return true;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  private Optional<FailedTest> describe(TestJobRepository.Job job, String logUrl) {
    return db.jdbi().withHandle(h -> h.createQuery("SELECT s.name, s.submitter_email, p.name AS project, "
            + "COALESCE(s.cover_id, (SELECT sm.message_id FROM series_member sm WHERE sm.series_id = s.id "
            + "AND sm.role = 'patch' ORDER BY sm.position LIMIT 1)) AS thread FROM series s "
            + "JOIN project p ON p.id = s.project_id WHERE s.id = :id")
        .bind("id", job.seriesId()).mapToMap().findOne().map(row -> {
          Long thread = row.get("thread") == null ? null : ((Number) row.get("thread")).longValue();
          Map<String, Object> m = thread == null ? Map.of() : h.createQuery("SELECT msgid, refs, recipients FROM message "
              + "WHERE id = :id").bind("id", thread).mapToMap().one();
          String project = (String) row.get("project");
          String refs = (String) m.get("refs");
          return new FailedTest(project, (String) row.get("name"), seriesUrl(logUrl, job.seriesId()), job.testName(),
              job.state(), logUrl, (String) row.get("submitter_email"),
              lists(projects.get(project), (String) m.get("recipients")), (String) m.get("msgid"),
              refs == null || refs.isBlank() ? List.of() : Arrays.asList(refs.strip().split("\\s+")));
        }));
  }

  /** The series page beside the log: both hang off the server's base URL. */
  static String seriesUrl(String logUrl, long seriesId) {
    int api = logUrl.indexOf("/api/v1/jobs/");
    return (api < 0 ? "" : logUrl.substring(0, api)) + "/series/" + seriesId + "/";
  }

  /** The project's list addresses the series was sent to; without any, its first one. */
  static List<String> lists(ProjectConfig p, String recipients) {
    if (p == null || p.listEmails().isEmpty()) {
      return List.of();
    }
    String sentTo = recipients == null ? "" : recipients.toLowerCase(Locale.ROOT);
    List<String> out = new ArrayList<>();
    for (String a : p.listEmails()) {
      if (Arrays.asList(sentTo.split("[,\\s]+")).contains(a.toLowerCase(Locale.ROOT))) {
        out.add(a);
      }
    }
    return out.isEmpty() ? List.of(p.listEmails().get(0)) : out;
  }

  /** Lets queued mail go out (a little while), then stops. */
  @Override
  public void close() {
    executor.shutdown();
    try {
      if (!executor.awaitTermination(10, TimeUnit.SECONDS)) {
        executor.shutdownNow();
      }
    } catch (InterruptedException e) {
      executor.shutdownNow();
      Thread.currentThread().interrupt();
    }
  }
}
