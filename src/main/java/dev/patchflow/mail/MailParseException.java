package dev.patchflow.mail;

/** The bytes are not a mail we can track; the reason is shown with the quarantined copy. */
public final class MailParseException extends Exception {
  public MailParseException(String reason) {
    super(reason);
  }
}
