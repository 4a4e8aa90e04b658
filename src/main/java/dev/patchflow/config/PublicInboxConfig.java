package dev.patchflow.config;

import java.util.List;

/**
 * A local public-inbox mirror that {@code serve} polls for new messages.
 *
 * @param path an inbox (holding git/N.git), one epoch, or a directory of inboxes; relative to HOME
 * @param pollSeconds how long to wait between looks (default 60)
 * @param projects when given, only these configured projects take its mail, and mail none of them
 *     claims is stored without a project
 */
public record PublicInboxConfig(String path, Integer pollSeconds, List<String> projects) {
  public PublicInboxConfig {
    projects = projects == null ? List.of() : List.copyOf(projects);
  }

  public int pollSecondsOrDefault() {
    return pollSeconds == null ? 60 : pollSeconds;
  }
}
