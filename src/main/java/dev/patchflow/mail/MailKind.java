package dev.patchflow.mail;

/** What a mail is to a patch tracker. */
public enum MailKind {
  PATCH, COVER, COMMENT, PULL_REQUEST;

  /** Patches and pull requests are what series are made of. */
  public boolean isSubmission() {
    return this == PATCH || this == PULL_REQUEST;
  }
}
