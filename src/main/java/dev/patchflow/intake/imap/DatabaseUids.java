package dev.patchflow.intake.imap;

import dev.patchflow.store.Database;
import dev.patchflow.store.ImapFolderRepository;
import java.time.Clock;
import java.util.Optional;

/** UID bookkeeping in the store, for importers that run inside {@code serve}. */
public final class DatabaseUids implements UidStore {
  private final Database db;
  private final Clock clock;
  private final ImapFolderRepository folders = new ImapFolderRepository();

  public DatabaseUids(Database db, Clock clock) {
    this.db = db;
    this.clock = clock;
  }

  @Override
  public Optional<FolderState> load(String source, String folder) {
    return db.jdbi().withHandle(h -> folders.find(h, source, folder))
        .map(r -> new FolderState(r.uidValidity(), r.lastUid()));
  }

  @Override
  public void save(String source, String folder, FolderState state) {
    db.jdbi().useTransaction(h -> folders.save(h, source, folder, state.uidValidity(), state.lastUid(), clock.instant()));
  }
}
