package dev.patchflow.intake.publicinbox;

import java.nio.file.Path;

/**
 * One public-inbox v2 epoch: a bare git repository whose commits each add or replace the blob
 * {@code m} (one raw message) or remove it (a deleted message).
 *
 * @param repo the repository, as a real absolute path (the key its progress is kept under)
 * @param label how mail from it is named in origins, e.g. {@code lkml/git/3.git}
 */
public record Epoch(Path repo, String label) {
  public String key() {
    return repo.toString();
  }
}
