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
 * @param tests what testers run on each applied series
 */
public record ProjectConfig(String name, String listId, List<String> listEmails, List<String> prefixes,
    List<StateConfig> states, GitTreeConfig git, List<TestConfig> tests) {
  public ProjectConfig {
    listEmails = listEmails == null ? List.of() : List.copyOf(listEmails);
    prefixes = prefixes == null ? List.of() : List.copyOf(prefixes);
    states = states == null ? List.of() : List.copyOf(states);
    tests = tests == null ? List.of() : List.copyOf(tests);
  }

  public ProjectConfig(String name, String listId, List<String> listEmails, List<String> prefixes,
      List<StateConfig> states, GitTreeConfig git) {
    this(name, listId, listEmails, prefixes, states, git, List.of());
  }

  public ProjectConfig(String name, String listId, List<String> listEmails, List<String> prefixes) {
    this(name, listId, listEmails, prefixes, List.of(), null, List.of());
  }
}
