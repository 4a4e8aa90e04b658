package dev.patchflow.ci;

import dev.patchflow.ci.config.EmailConfig;
import dev.patchflow.config.NotificationsConfig;
import dev.patchflow.notify.FailureMail;
import dev.patchflow.notify.SmtpSender;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends the result mail of a series when its result turns final and differs from the last one
 * mailed for it (pending → success, success → fail, fail → success), once: what was mailed is
 * kept in {@link CiState}, so neither another pass nor a restart mails it again.
 */
public final class ResultMailer {
  private static final Logger LOG = LoggerFactory.getLogger(ResultMailer.class);
  private final ResultMail compose;
  private final SmtpSender smtp;
  private final CiState state;
  private final CiMetrics metrics;

  /** The series in detail, asked for only when a mail is due: most passes send none. */
  public interface SeriesLookup {
    PwSeries get() throws PatchworkException;
  }

  public ResultMailer(EmailConfig config, CiState state, CiMetrics metrics) {
    this.compose = new ResultMail(config);
    this.smtp = new SmtpSender(smtp(config));
    this.state = state;
    this.metrics = metrics;
  }

  /**
   * The SMTP settings the mail config implies: port 465 is TLS from the start (SMTPS), 587 is
   * STARTTLS (required, so the password never goes out in the clear), any other port plain SMTP.
   */
  public static NotificationsConfig.Smtp smtp(EmailConfig c) {
    int port = c.portOrDefault();
    NotificationsConfig.Security security = port == 465 ? NotificationsConfig.Security.TLS
        : port == 587 ? NotificationsConfig.Security.STARTTLS : NotificationsConfig.Security.NONE;
    return new NotificationsConfig.Smtp(c.host(), port, security, c.user(), c.pass(), c.from());
  }

  /**
   * Mails the result of {@code runs} for series {@code seriesId} when it is due. Never throws: a
   * mail that cannot be sent is logged and tried again on the next pass.
   *
   * @return whether a mail went out
   */
  public boolean offer(long seriesId, String prUrl, List<RunView> runs, SeriesLookup series) {
    ResultMail.Result result = compose.result(runs);
    if (!result.mailable() || state.mailed(seriesId).orElse(null) == result.state()) {
      return false;
    }
    try {
      ResultMail.Message m = compose.compose(series.get(), prUrl, result);
      if (m.to().isEmpty() && m.cc().isEmpty()) {
        state.mailed(seriesId, result.state()); // nobody to tell: do not ask again
        return false;
      }
      smtp.send(new FailureMail(m.from(), m.to(), m.cc(), m.subject(), m.body(), m.inReplyTo(), m.references()));
      state.mailed(seriesId, result.state());
      metrics.mailSent();
      LOG.atInfo().addKeyValue("series", seriesId).addKeyValue("result", result.state().wire())
          .addKeyValue("to", m.to()).log("result mail sent");
      return true;
    } catch (Exception e) {
      LOG.atWarn().addKeyValue("series", seriesId).addKeyValue("result", result.state().wire())
          .addKeyValue("error", e.toString()).log("result mail not sent; the next pass tries again");
      return false;
    }
  }
}
