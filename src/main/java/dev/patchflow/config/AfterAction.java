package dev.patchflow.config;

import java.util.Locale;

/** What an IMAP importer does to a mail once the store has committed it. */
public sealed interface AfterAction {
  /** Leave the mail as it is; the importer remembers the UIDs it has imported. */
  record Keep() implements AfterAction {}

  /** Set \Seen, so mail clients show it as read. */
  record MarkSeen() implements AfterAction {}

  /** Move it to another folder of the same account. */
  record Move(String folder) implements AfterAction {}

  /** Delete and expunge it. */
  record Delete() implements AfterAction {}

  /** Parses keep, mark-seen, move:FOLDER or delete; the message says what is accepted. */
  static AfterAction parse(String text) {
    if (text == null) {
      throw new IllegalArgumentException("must be keep, mark-seen, move:FOLDER or delete");
    }
    String t = text.trim();
    if (t.toLowerCase(Locale.ROOT).startsWith("move:")) {
      String folder = t.substring("move:".length()).trim();
      if (folder.isEmpty()) {
        throw new IllegalArgumentException("move: needs a folder, as in move:Archive");
      }
      return new Move(folder);
    }
    return switch (t.toLowerCase(Locale.ROOT)) {
      case "keep" -> new Keep();
      case "mark-seen" -> new MarkSeen();
      case "delete" -> new Delete();
      default -> throw new IllegalArgumentException("must be keep, mark-seen, move:FOLDER or delete, got '" + text + "'");
    };
  }

  default String describe() {
    if (this instanceof Move m) {
      return "move:" + m.folder();
    }
    return this instanceof Keep ? "keep" : this instanceof MarkSeen ? "mark-seen" : "delete";
  }
}
