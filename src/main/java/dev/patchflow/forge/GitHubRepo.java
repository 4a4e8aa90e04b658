package dev.patchflow.forge;

/** One repository's operations, grouped by resource. Cheap to make; holds no state of its own. */
public final class GitHubRepo {
  private final RepoRef ref;
  private final Pulls pulls;
  private final Comments comments;
  private final Labels labels;
  private final Branches branches;
  private final Actions actions;
  private final Statuses statuses;

  GitHubRepo(GitHubClient client, RepoRef ref) {
    this.ref = ref;
    this.pulls = new Pulls(client, ref);
    this.comments = new Comments(client, ref);
    this.labels = new Labels(client, ref);
    this.branches = new Branches(client, ref);
    this.actions = new Actions(client, ref);
    this.statuses = new Statuses(client, ref);
  }

  public RepoRef ref() {
    return ref;
  }

  public Pulls pulls() {
    return pulls;
  }

  public Comments comments() {
    return comments;
  }

  public Labels labels() {
    return labels;
  }

  public Branches branches() {
    return branches;
  }

  public Actions actions() {
    return actions;
  }

  public Statuses statuses() {
    return statuses;
  }
}
