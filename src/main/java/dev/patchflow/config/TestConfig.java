package dev.patchflow.config;

import java.util.List;

/**
 * A test that testers run on every applied series of a project.
 *
 * @param name names the test's result ("testing.NAME") and its Patchwork check context
 * @param script run with bash -c in a clean checkout of the series' tag
 * @param timeoutSeconds after this the script and all its children are killed (default 3600)
 * @param requirements capabilities a tester must have to take the test (e.g. "x86_64", "kvm")
 * @param enabled false keeps the test in the file without creating jobs for it (default true)
 */
public record TestConfig(String name, String script, Integer timeoutSeconds, List<String> requirements, Boolean enabled) {
  public static final int DEFAULT_TIMEOUT_SECONDS = 3600;

  public TestConfig {
    requirements = requirements == null ? List.of() : List.copyOf(requirements);
  }

  public int timeoutOrDefault() {
    return timeoutSeconds == null ? DEFAULT_TIMEOUT_SECONDS : timeoutSeconds;
  }

  public boolean enabledOrDefault() {
    return enabled == null || enabled;
  }
}
