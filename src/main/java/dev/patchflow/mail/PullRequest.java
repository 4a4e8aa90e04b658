package dev.patchflow.mail;

/** A git pull request found in a mail. */
public record PullRequest(String url, String branch, String baseCommit, String headCommit) {
  /** Patchwork's pull_url form: "URL branch" (just the URL when no branch was named). */
  public String pullUrl() {
    return branch == null ? url : url + " " + branch;
  }
}
