package dev.patchflow.config;

import java.util.List;

/**
 * A test that testers run on every applied series of a project, or (base: true) on each new
 * head of the project's base branch.
 *
 * @param name names the test's result ("testing.NAME") and its Patchwork check context
 * @param script run with bash -c in a clean checkout of the series' tag
 * @param timeoutSeconds after this the script and all its children are killed (default 3600)
 * @param requirements capabilities a tester must have to take the test (e.g. "x86_64", "kvm")
 * @param enabled false keeps the test in the file without creating jobs for it (default true)
 * @param base true runs the test on the base branch (git.base_branch) each time its head moves,
 *     instead of on series (default false); the project needs a git tree
 */
public record TestConfig(String name, String script, Integer timeoutSeconds, List<String> requirements, Boolean enabled,
    Boolean base) {
  public static final int DEFAULT_TIMEOUT_SECONDS = 3600;

  public TestConfig {
    requirements = requirements == null ? List.of() : List.copyOf(requirements);
  }

  /** A series test. */
  public TestConfig(String name, String script, Integer timeoutSeconds, List<String> requirements, Boolean enabled) {
    this(name, script, timeoutSeconds, requirements, enabled, null);
  }

  public boolean onBase() {
    return base != null && base;
  }

  public int timeoutOrDefault() {
    return timeoutSeconds == null ? DEFAULT_TIMEOUT_SECONDS : timeoutSeconds;
  }

  public boolean enabledOrDefault() {
    return enabled == null || enabled;
  }
}
