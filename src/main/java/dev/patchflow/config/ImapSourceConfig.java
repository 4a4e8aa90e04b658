package dev.patchflow.config;

import java.util.List;

/**
 * One IMAP account mail is imported from.
 *
 * @param name what logs and the UID bookkeeping call the source (default user@host:port)
 * @param security tls (IMAPS, default), starttls, or none (tests and local relays only)
 * @param fingerprint SHA-256 of the server certificate, hex, colons allowed; when given, exactly
 *     that certificate is accepted instead of the system's trusted authorities
 * @param password from the file, or "${NAME}" to read the environment variable NAME
 * @param folders folders to import, default INBOX
 * @param after what happens to a mail once it is committed: keep (UIDs remembered),
 *     mark-seen, move:FOLDER or delete
 * @param projects the configured projects this source feeds (default all of them)
 * @param pollSeconds how often to look for new mail when the server has no IDLE, and how often
 *     an IDLE is renewed
 */
public record ImapSourceConfig(String name, String host, Integer port, Security security, String fingerprint,
    String user, Secret password, List<String> folders, String after, List<String> projects, Integer pollSeconds) {
  public enum Security { TLS, STARTTLS, NONE }

  public ImapSourceConfig {
    folders = folders == null || folders.isEmpty() ? List.of("INBOX") : List.copyOf(folders);
    projects = projects == null ? List.of() : List.copyOf(projects);
    security = security == null ? Security.TLS : security;
  }

  public int portOrDefault() {
    return port != null ? port : security == Security.TLS ? 993 : 143;
  }

  public String nameOrDefault() {
    return name != null ? name : user + "@" + host + ":" + portOrDefault();
  }

  /** The after-action; the validator has checked it parses. */
  public AfterAction afterAction() {
    return AfterAction.parse(after == null ? "keep" : after);
  }

  public int pollOrDefault() {
    return pollSeconds == null ? 60 : pollSeconds;
  }

  ImapSourceConfig withPassword(Secret pw) {
    return new ImapSourceConfig(name, host, port, security, fingerprint, user, pw, folders, after, projects, pollSeconds);
  }
}
