package dev.patchflow.intake;

import java.io.Closeable;
import java.io.IOException;
import java.util.List;

/** A stream of mails from one file or directory. */
public interface MailSource extends Closeable {
  /** The next mail, or null at the end. */
  RawMail next() throws IOException;

  /** Bytes of input consumed so far (for progress). */
  long position();

  /** Total bytes of input, as far as known in advance. */
  long size();

  /**
   * The batch holding these mails (in the order {@link #next} gave them) is committed to the
   * store. A source that remembers how far it got advances here, never earlier, so a run killed
   * at any point resumes without losing mail. Called on another thread than {@link #next}.
   */
  default void committed(List<RawMail> batch) throws IOException {}
}
