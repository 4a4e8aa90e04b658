package dev.patchflow.intake.imap;

import dev.patchflow.intake.ImportProgress;
import dev.patchflow.intake.ImportSummary;
import dev.patchflow.intake.Importer;
import dev.patchflow.intake.ListSource;
import dev.patchflow.intake.RawMail;
import java.io.IOException;
import java.util.List;

/** Imports straight into the store; {@link Importer#importAll} returns after commit and threading. */
public final class StoreSink implements MailSink {
  private final Importer importer;

  public StoreSink(Importer importer) {
    this.importer = importer;
  }

  @Override
  public synchronized void deliver(List<RawMail> batch) throws IOException {
    ImportSummary s = importer.importAll(List.of(new ListSource(batch)), ImportProgress.NONE);
    if (s.stored() + s.duplicates() + s.quarantined() != batch.size()) {
      // every mail must be accounted for before the IMAP side may touch it
      throw new IOException("committed " + (s.stored() + s.duplicates() + s.quarantined()) + " of " + batch.size());
    }
  }
}
