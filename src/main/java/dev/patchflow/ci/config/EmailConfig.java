package dev.patchflow.ci.config;

import dev.patchflow.config.Secret;
import java.util.List;

/**
 * Mail about CI results: a reply to the series on each final result that differs from the last
 * one mailed ({@code ci.ResultMailer}).
 *
 * @param port default {@value #DEFAULT_PORT}: TLS from the start; 587: STARTTLS (required); any
 *     other port: plain SMTP
 * @param to who gets every result mail; {@code cc} likewise, on copy
 * @param httpProxy KPD's proxy for SMTP; accepted so KPD files load
 * @param submitterAllowlist regexes; a submitter whose whole address matches one (case aside) is
 *     also mailed
 * @param ignoreAllowlist true: mail every submitter
 * @param emailIgnoreWorkflows regexes matching whole workflow names whose results do not count in
 *     the mail
 * @param prCommentsForwarding forwarding PR comments to the list; null: off
 */
public record EmailConfig(String host, Integer port, String user, String from, Secret pass, List<String> to,
    List<String> cc, String httpProxy, List<String> submitterAllowlist, Boolean ignoreAllowlist,
    List<String> emailIgnoreWorkflows, PrCommentsForwarding prCommentsForwarding) {
  public static final int DEFAULT_PORT = 465;

  public EmailConfig {
    to = copy(to);
    cc = copy(cc);
    submitterAllowlist = copy(submitterAllowlist);
    emailIgnoreWorkflows = copy(emailIgnoreWorkflows);
  }

  public int portOrDefault() {
    return port == null ? DEFAULT_PORT : port;
  }

  public boolean ignoresAllowlist() {
    return ignoreAllowlist != null && ignoreAllowlist;
  }

  EmailConfig withPass(Secret p) {
    return new EmailConfig(host, port, user, from, p, to, cc, httpProxy, submitterAllowlist, ignoreAllowlist,
        emailIgnoreWorkflows, prCommentsForwarding);
  }

  /**
   * PR comments mailed as replies to the patch they name ({@code In-Reply-To-Subject:}).
   *
   * @param commenterAllowlist GitHub logins whose comments are forwarded
   * @param recipientAllowlist regexes; only matching recipients are kept
   * @param recipientDenylist regexes; matching recipients are dropped
   * @param bodyPreprocessorFunc a Python function in KPD; read so KPD files load, not used here
   */
  public record PrCommentsForwarding(Boolean enabled, List<String> alwaysCc, Boolean alwaysReplyToAuthor,
      List<String> commenterAllowlist, List<String> recipientAllowlist, List<String> recipientDenylist,
      String bodyPreprocessorFunc) {
    public PrCommentsForwarding {
      alwaysCc = copy(alwaysCc);
      commenterAllowlist = copy(commenterAllowlist);
      recipientAllowlist = copy(recipientAllowlist);
      recipientDenylist = copy(recipientDenylist);
    }

    public boolean on() {
      return enabled != null && enabled;
    }
  }

  // Nulls inside stay so that validation can name the bad entry.
  private static List<String> copy(List<String> l) {
    return l == null ? List.of() : java.util.Collections.unmodifiableList(new java.util.ArrayList<>(l));
  }
}
