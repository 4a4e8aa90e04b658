package dev.patchflow.notify;

import dev.patchflow.config.NotificationsConfig;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.util.Date;
import java.util.Properties;
import java.util.stream.Collectors;

/** Sends mail through the configured SMTP server, one connection per mail. */
public final class SmtpSender {
  private static final String TIMEOUT_MS = "30000";
  private final NotificationsConfig.Smtp smtp;

  public SmtpSender(NotificationsConfig.Smtp smtp) {
    this.smtp = smtp;
  }

  public void send(FailureMail mail) throws MessagingException {
    boolean tls = smtp.securityOrDefault() == NotificationsConfig.Security.TLS;
    String protocol = tls ? "smtps" : "smtp";
    Properties p = new Properties();
    String k = "mail." + protocol + ".";
    p.put(k + "host", smtp.host());
    p.put(k + "port", String.valueOf(smtp.portOrDefault()));
    p.put(k + "connectiontimeout", TIMEOUT_MS);
    p.put(k + "timeout", TIMEOUT_MS);
    p.put(k + "writetimeout", TIMEOUT_MS);
    p.put(k + "auth", String.valueOf(smtp.user() != null));
    if (smtp.securityOrDefault() == NotificationsConfig.Security.STARTTLS) {
      // required: a server that does not offer STARTTLS must not get the password in the clear
      p.put(k + "starttls.enable", "true");
      p.put(k + "starttls.required", "true");
    }
    if (smtp.securityOrDefault() != NotificationsConfig.Security.NONE) {
      p.put(k + "ssl.checkserveridentity", "true");
    }
    Session session = Session.getInstance(p);
    MimeMessage m = new MimeMessage(session);
    m.setFrom(new InternetAddress(smtp.from()));
    for (String to : mail.to()) {
      m.addRecipient(Message.RecipientType.TO, new InternetAddress(to));
    }
    for (String cc : mail.cc()) {
      m.addRecipient(Message.RecipientType.CC, new InternetAddress(cc));
    }
    m.setSubject(mail.subject(), "UTF-8");
    m.setText(mail.body(), "UTF-8");
    m.setSentDate(new Date());
    if (mail.inReplyTo() != null) {
      m.setHeader("In-Reply-To", "<" + mail.inReplyTo() + ">");
    }
    if (!mail.references().isEmpty()) {
      m.setHeader("References", jakarta.mail.internet.MimeUtility.fold(12,
          mail.references().stream().map(r -> "<" + r + ">").collect(Collectors.joining(" "))));
    }
    m.setHeader("Auto-Submitted", "auto-generated"); // RFC 3834: autoresponders leave it alone
    try (Transport t = session.getTransport(protocol)) {
      if (smtp.user() != null) {
        t.connect(smtp.host(), smtp.portOrDefault(), smtp.user(), smtp.password().reveal());
      } else {
        t.connect();
      }
      m.saveChanges();
      t.sendMessage(m, m.getAllRecipients());
    }
  }
}
