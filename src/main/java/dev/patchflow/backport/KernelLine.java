package dev.patchflow.backport;

import java.nio.file.Path;
import java.util.Optional;

/**
 * One kernel line a distribution ships, and where its facts are.
 *
 * @param version the mainline release it is based on (6.1)
 * @param baseTag that release's tag in the upstream repository (v6.1)
 * @param stableBranch the stable branch in the same repository (linux-6.1.y), when fetched
 * @param specDir the folder of the line's spec files and patch files, when there is one
 * @param stableVersion the stable release shipped (6.1.138); read from the specs' Version when absent
 */
public record KernelLine(KernelVersion version, String baseTag, Optional<String> stableBranch, Optional<Path> specDir,
    Optional<KernelVersion> stableVersion) {
  public KernelLine {
    if (!version.isMainline()) {
      throw new IllegalArgumentException("a kernel line is a mainline release such as 6.1, not " + version);
    }
    if (stableVersion.isPresent() && !stableVersion.get().line().equals(version)) {
      throw new IllegalArgumentException("stable version " + stableVersion.get() + " is not a " + version + " release");
    }
  }

  public static KernelLine of(String version) {
    KernelVersion v = KernelVersion.parse(version);
    return new KernelLine(v, "v" + v, Optional.empty(), Optional.empty(), Optional.empty());
  }

  public String name() {
    return version.toString();
  }
}
