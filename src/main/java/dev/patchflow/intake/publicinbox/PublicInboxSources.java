package dev.patchflow.intake.publicinbox;

import dev.patchflow.intake.MailSource;
import dev.patchflow.store.Database;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/** A source per epoch behind the paths given, each continuing where the last import left it. */
public final class PublicInboxSources {
  private PublicInboxSources() {}

  public static List<MailSource> open(Database db, List<Path> paths, Clock clock) throws IOException {
    List<Epoch> epochs = new ArrayList<>();
    for (Path p : paths) {
      epochs.addAll(InboxLayout.epochs(p));
    }
    List<MailSource> out = new ArrayList<>();
    try {
      for (Epoch e : epochs) {
        out.add(EpochSource.open(e, db, clock));
      }
    } catch (IOException | RuntimeException e) {
      for (MailSource s : out) {
        try {
          s.close();
        } catch (IOException | RuntimeException suppressed) {
          e.addSuppressed(suppressed);
        }
      }
      throw e;
    }
    return out;
  }
}
