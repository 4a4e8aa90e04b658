package dev.patchflow.intake.imap;

import dev.patchflow.config.ImapSourceConfig;
import dev.patchflow.config.ImapSourceConfig.Security;
import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Store;
import java.io.IOException;
import java.time.Duration;
import java.util.Properties;

/** Opens an authenticated IMAP connection as a source's config says (TLS, STARTTLS, a pinned certificate). */
final class ImapConnector {
  private final ImapSourceConfig source;

  ImapConnector(ImapSourceConfig source) {
    this.source = source;
  }

  Store connect() throws IOException {
    String protocol = source.security() == Security.TLS ? "imaps" : "imap";
    String p = "mail." + protocol + ".";
    Properties props = new Properties();
    props.put(p + "host", source.host());
    props.put(p + "port", String.valueOf(source.portOrDefault()));
    props.put(p + "connectiontimeout", "30000");
    // Reads wait out an IDLE, which is renewed every poll_seconds; a silent dead link ends here.
    props.put(p + "timeout", String.valueOf(Duration.ofSeconds(source.pollOrDefault() + 60L).toMillis()));
    props.put(p + "writetimeout", "60000");
    props.put(p + "peek", "true"); // fetching must not set \Seen: that is the after-action's choice
    if (source.security() == Security.STARTTLS) {
      props.put(p + "starttls.enable", "true");
      props.put(p + "starttls.required", "true");
    }
    if (source.fingerprint() != null) {
      javax.net.ssl.SSLSocketFactory pinned = PinnedTrust.socketFactory(source.nameOrDefault(), source.fingerprint());
      props.put(p + "ssl.socketFactory", pinned);
      props.put(p + "socketFactory", pinned);
      props.put(p + "socketFactory.fallback", "false");
      // the pin names the certificate itself, so the host name in it adds nothing
      props.put(p + "ssl.checkserveridentity", "false");
    } else if (source.security() != Security.NONE) {
      props.put(p + "ssl.checkserveridentity", "true");
    }
    try {
      Store store = Session.getInstance(props).getStore(protocol);
      store.connect(source.host(), source.portOrDefault(), source.user(), source.password().reveal());
      return store;
    } catch (AuthenticationFailedException e) {
      throw new IOException("IMAP source '" + source.nameOrDefault() + "': login refused for user " + source.user()
          + (e.getMessage() == null ? "" : ": " + e.getMessage()), e);
    } catch (MessagingException e) {
      for (Throwable t = e; t != null; t = t.getCause()) {
        if (t instanceof PinnedTrust.Mismatch m) {
          throw new IOException(m.getMessage(), e);
        }
      }
      throw new IOException("IMAP source '" + source.nameOrDefault() + "': cannot connect to " + source.host() + ":"
          + source.portOrDefault() + ": " + e.getMessage(), e);
    }
  }
}
