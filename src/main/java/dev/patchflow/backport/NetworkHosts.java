package dev.patchflow.backport;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which hosts a run needs, read from the places it clones from and pushes to (pure). A local
 * path or {@code file:} URL needs none, so a run over mirrors on disk has no pre-flight to fail;
 * a run that reaches out is checked against exactly the hosts it will use, as {@code host:port}
 * for {@link NetworkCheck}.
 */
public final class NetworkHosts {
  private static final Pattern SCP = Pattern.compile("(?:[A-Za-z0-9._-]+@)?([A-Za-z0-9.-]+):(?!//).+");

  private NetworkHosts() {}

  /** The host:port a git or HTTP location is served from; empty for local paths. */
  public static Optional<String> of(String location) {
    if (location == null || location.isBlank()) {
      return Optional.empty();
    }
    String s = location.strip();
    if (s.contains("://")) {
      URI u;
      try {
        u = new URI(s);
      } catch (URISyntaxException e) {
        throw new IllegalArgumentException("not a URL: '" + location + "'");
      }
      String scheme = u.getScheme().toLowerCase(java.util.Locale.ROOT);
      if (scheme.equals("file") || u.getHost() == null) {
        return Optional.empty();
      }
      int port = u.getPort() > 0 ? u.getPort() : switch (scheme) {
        case "http" -> 80;
        case "ssh", "git+ssh" -> 22;
        case "git" -> 9418;
        default -> 443;
      };
      return Optional.of(u.getHost() + ":" + port);
    }
    Matcher m = SCP.matcher(s);
    if (m.matches() && !s.startsWith("/") && !s.startsWith(".")) {
      return Optional.of(m.group(1) + ":22"); // git@github.com:owner/repo.git
    }
    return Optional.empty();
  }

  /** Each location's host once, in the order first met. */
  public static List<String> of(List<String> locations) {
    Set<String> hosts = new LinkedHashSet<>();
    for (String l : locations) {
      of(l).ifPresent(hosts::add);
    }
    return new ArrayList<>(hosts);
  }
}
