package dev.patchflow.intake.imap;

import java.io.IOException;
import java.util.Optional;

/** Remembers, per source and folder, the UIDs committed so far. */
public interface UidStore {
  Optional<FolderState> load(String source, String folder) throws IOException;

  void save(String source, String folder, FolderState state) throws IOException;
}
