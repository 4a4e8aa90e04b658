package dev.patchflow.config;

import java.util.List;

/**
 * How mail comes in.
 *
 * @param batchSize messages stored per transaction
 * @param unmatched what to do with mail that no configured project claims: {@code auto}
 *     creates a project per mailing list (List-Id), {@code keep} stores it without a project
 * @param imap IMAP accounts imported from (by {@code serve}, or by {@code importer} elsewhere)
 * @param publicInbox local public-inbox mirrors that {@code serve} polls
 */
public record IntakeConfig(Integer batchSize, Unmatched unmatched, List<ImapSourceConfig> imap,
    List<PublicInboxConfig> publicInbox) {
  public static final IntakeConfig DEFAULT = new IntakeConfig(null, null);

  public enum Unmatched { AUTO, KEEP }

  public IntakeConfig {
    imap = imap == null ? List.of() : List.copyOf(imap);
    publicInbox = publicInbox == null ? List.of() : List.copyOf(publicInbox);
  }

  public IntakeConfig(Integer batchSize, Unmatched unmatched) {
    this(batchSize, unmatched, null, null);
  }

  public int batch() {
    return batchSize == null ? 500 : batchSize;
  }

  public Unmatched unmatchedOrDefault() {
    return unmatched == null ? Unmatched.AUTO : unmatched;
  }
}
