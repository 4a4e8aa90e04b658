package dev.patchflow.git;

/** A full commit hash. */
public record CommitId(String sha) {
  public CommitId {
    if (!sha.matches("[0-9a-f]{40}([0-9a-f]{24})?")) {
      throw new IllegalArgumentException("not a commit id: '" + sha + "'");
    }
  }

  public String abbrev() {
    return sha.substring(0, 12);
  }

  @Override
  public String toString() {
    return sha;
  }
}
