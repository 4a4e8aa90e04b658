package dev.patchflow.ci;

import dev.patchflow.forge.GitHubRepo;

/**
 * One target branch with everything needed to work on it: its git facts, its GitHub repository
 * (through a client logged in as the branch's identity), our login there, and its local clone.
 */
public record Target(BranchTarget git, GitHubRepo github, String login, BranchRepo local) {
  public String name() {
    return git.name();
  }
}
