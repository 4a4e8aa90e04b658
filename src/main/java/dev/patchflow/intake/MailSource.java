package dev.patchflow.intake;

import java.io.Closeable;
import java.io.IOException;

/** A stream of mails from one file or directory. */
public interface MailSource extends Closeable {
  /** The next mail, or null at the end. */
  RawMail next() throws IOException;

  /** Bytes of input consumed so far (for progress). */
  long position();

  /** Total bytes of input, as far as known in advance. */
  long size();
}
