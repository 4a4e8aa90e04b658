package dev.patchflow.intake.imap;

import dev.patchflow.intake.RawMail;
import java.io.IOException;
import java.util.List;

/**
 * Where fetched mail goes. {@link #deliver} returns only once every mail of the batch is
 * committed (stored, already there, or quarantined); until then the IMAP side touches nothing.
 */
public interface MailSink {
  void deliver(List<RawMail> batch) throws IOException;
}
