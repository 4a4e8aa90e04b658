package dev.patchflow.ci;

/**
 * One branch the bridge tests series on, as git sees it: where the mirror and the series
 * branches are pushed, where upstream and the CI files come from.
 *
 * @param name the branch name in {@code repoUrl} ("bpf-next"); "{name}_base" is upstream plus
 *     the CI files, and "series/ID=>{name}" holds one series applied on it
 * @param repoUrl the repository the pull requests live in (a GitHub URL or, in tests, a path)
 */
public record BranchTarget(String name, String repoUrl, String upstreamUrl, String upstreamBranch, String ciUrl,
    String ciBranch) {
  public String baseBranch() {
    return name + "_base";
  }

  /** The branch a series is pushed to. Named by the series id so each version has its own. */
  public String seriesBranch(long seriesId) {
    return "series/" + seriesId + "=>" + name;
  }
}
