package dev.patchflow.config;

import java.util.List;

/**
 * A project: which mail belongs to it.
 *
 * @param listId the List-Id of its mailing list (e.g. netdev.vger.kernel.org)
 * @param listEmails list addresses; mail sent To/Cc one of them belongs here too
 * @param prefixes subject rules that must all pass: "tag" must be a subject prefix,
 *     "!tag" must not be, "/regex" must match the subject
 * @param states patch states of this project only, beyond Patchwork's and the instance's
 * @param git where its series are applied and pushed (none: they are not applied)
 * @param probes scripts by which testers find out which capabilities they have
 * @param tests what testers run on each applied series
 */
public record ProjectConfig(String name, String listId, List<String> listEmails, List<String> prefixes,
    List<StateConfig> states, GitTreeConfig git, List<TestConfig> tests, List<ProbeConfig> probes) {
  public ProjectConfig {
    probes = probes == null ? List.of() : List.copyOf(probes);
    listEmails = listEmails == null ? List.of() : List.copyOf(listEmails);
    prefixes = prefixes == null ? List.of() : List.copyOf(prefixes);
    states = states == null ? List.of() : List.copyOf(states);
    tests = tests == null ? List.of() : List.copyOf(tests);
  }

  public ProjectConfig(String name, String listId, List<String> listEmails, List<String> prefixes,
      List<StateConfig> states, GitTreeConfig git, List<TestConfig> tests) {
    this(name, listId, listEmails, prefixes, states, git, tests, List.of());
  }

  public ProjectConfig(String name, String listId, List<String> listEmails, List<String> prefixes,
      List<StateConfig> states, GitTreeConfig git) {
    this(name, listId, listEmails, prefixes, states, git, List.of(), List.of());
  }

  public ProjectConfig(String name, String listId, List<String> listEmails, List<String> prefixes) {
    this(name, listId, listEmails, prefixes, List.of(), null, List.of(), List.of());
  }
}
