package dev.patchflow.backport.config;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One kernel line a distribution ships, as data: where its packaging lives and which upstream
 * release it follows. Photon's table is the shipped example ({@code deploy/backport/photon.yaml}).
 *
 * @param kernel the mainline release, "6.1"
 * @param repo the packaging repository on GitHub ("vmware/photon" or its URL); pull requests go there
 * @param gitUrl where git clones and pushes it when not at {@code repo} (a mirror, a local path in tests)
 * @param branch the packaging branch ("5.0", "common")
 * @param specDir the folder of the spec files in that branch ("SPECS/linux", "SPECS/linux/v6.12")
 * @param specs short flavour name → spec file ({@code base: linux.spec}), in routing order
 * @param baseTag the release tag upstream (default "v" + kernel)
 * @param stableBranch the stable branch in the kernel source (linux-6.1.y); none: base tag only
 * @param kernelSource a kernel git tree with the tags, for {@code git apply --check} (default the upstream repository)
 */
public record KernelLineConfig(String kernel, String repo, String gitUrl, String branch, String specDir,
    Map<String, String> specs, String baseTag, String stableBranch, String kernelSource) {
  public KernelLineConfig {
    specs = specs == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(specs));
  }

  public String baseTagOrDefault() {
    return baseTag != null ? baseTag : "v" + kernel;
  }

  /** Where git clones and pushes: {@code git_url}, else {@code repo} (made a URL when written "owner/name"). */
  public String cloneUrl() {
    if (gitUrl != null) {
      return gitUrl;
    }
    return repo.matches("[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+") ? "https://github.com/" + repo + ".git" : repo;
  }

  /** The same line with another packaging repository or branch (--repo-url, --branch); null keeps the current one. */
  public KernelLineConfig withPackaging(String otherGitUrl, String otherBranch) {
    return new KernelLineConfig(kernel, repo, otherGitUrl != null ? otherGitUrl : gitUrl,
        otherBranch != null ? otherBranch : branch, specDir, specs, baseTag, stableBranch, kernelSource);
  }
}
