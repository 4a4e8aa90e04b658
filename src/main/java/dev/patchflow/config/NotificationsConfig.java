package dev.patchflow.config;

import java.util.List;

/**
 * Mail sent on events; for now only when a test fails or times out.
 *
 * @param smtp the server mail is sent through
 * @param onFailure who is told of a failed test, and what they are told
 */
public record NotificationsConfig(Smtp smtp, OnFailure onFailure) {
  /** How the connection is secured: none (plain), starttls (upgraded, required) or tls (from the start). */
  public enum Security { NONE, STARTTLS, TLS }

  /**
   * An SMTP server.
   *
   * @param port default 25 (none), 587 (starttls) or 465 (tls)
   * @param user with password, logs in; without, sends anonymously
   */
  public record Smtp(String host, Integer port, Security security, String user, Secret password, String from) {
    public Security securityOrDefault() {
      return security == null ? Security.STARTTLS : security;
    }

    public int portOrDefault() {
      if (port != null) {
        return port;
      }
      return switch (securityOrDefault()) {
        case NONE -> 25;
        case STARTTLS -> 587;
        case TLS -> 465;
      };
    }

    Smtp withPassword(Secret p) {
      return new Smtp(host, port, security, user, p, from);
    }
  }

  /**
   * A failed test's mail.
   *
   * @param to addresses that get every failure
   * @param submitter also the series' submitter
   * @param list also the project's list (the list_emails the series was sent to)
   * @param subject with {series}, {test}, {status}, {log_url}, {series_url}, {project}
   * @param body the same placeholders
   */
  public record OnFailure(List<String> to, Boolean submitter, Boolean list, String subject, String body) {
    public static final String SUBJECT = "Re: {series}: {test} {status}";
    public static final String BODY = """
        The test {test} of {project} ended with {status} on this series:
          {series}
          {series_url}

        Log: {log_url}

        -- 
        Patchflow
        """;

    public OnFailure {
      to = to == null ? List.of() : List.copyOf(to);
    }

    public boolean submitterOrDefault() {
      return submitter != null && submitter;
    }

    public boolean listOrDefault() {
      return list != null && list;
    }

    public String subjectOrDefault() {
      return subject == null ? SUBJECT : subject;
    }

    public String bodyOrDefault() {
      return body == null ? BODY : body;
    }
  }
}
