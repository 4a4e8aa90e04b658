package dev.patchflow.testing;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * External programs tests drive (git-pw, chromium). Missing ones skip the test with that
 * reason, except in CI (PATCHFLOW_CI set), where `.ci/run` installs them and a missing one fails.
 */
public final class Tools {
  private Tools() {}

  public static Path require(String program) {
    for (String dir : System.getenv("PATH").split(File.pathSeparator)) {
      Path p = Path.of(dir, program);
      if (Files.isExecutable(p)) {
        return p;
      }
    }
    if (System.getenv("PATCHFLOW_CI") != null) {
      throw new AssertionError(program + " is not installed, and CI must run this test (see .ci/run)");
    }
    assumeTrue(false, program + " is not installed (apt-get install it to run this test)");
    return null;
  }
}
