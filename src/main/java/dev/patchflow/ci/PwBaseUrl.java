package dev.patchflow.ci;

import java.net.URI;
import java.util.regex.Pattern;

/**
 * Where a Patchwork API lives, from what a user writes in the config. Accepted, with or without
 * a trailing slash: the API root itself ({@code https://host/api/1.2}, {@code https://host/api}
 * for the newest), or the site ({@code https://host}, {@code https://host/patchwork}), which gets
 * {@code /api/1.2/} appended: 1.2 is what KPD speaks, Patchwork has served it since 2.2, and it
 * carries everything the bridge reads.
 */
final class PwBaseUrl {
  static final String DEFAULT_VERSION = "1.2";
  private static final Pattern API = Pattern.compile(".*/api(/1\\.\\d+)?");

  private PwBaseUrl() {}

  /** The API root, always ending in '/', so resource paths resolve against it. */
  static URI of(String configured) {
    if (configured == null || configured.isBlank()) {
      throw new IllegalArgumentException("a Patchwork server URL is needed");
    }
    URI u = URI.create(configured.strip());
    if (u.getScheme() == null || u.getHost() == null
        || !(u.getScheme().equalsIgnoreCase("http") || u.getScheme().equalsIgnoreCase("https"))) {
      throw new IllegalArgumentException("not an http(s) URL: " + u.getScheme() + "://" + u.getHost());
    }
    if (u.getRawUserInfo() != null) {
      throw new IllegalArgumentException("a Patchwork server URL takes no credentials: set the token instead");
    }
    if (u.getRawQuery() != null || u.getRawFragment() != null) {
      throw new IllegalArgumentException("a Patchwork server URL takes no query or fragment");
    }
    String path = u.getRawPath() == null ? "" : u.getRawPath().replaceAll("/+$", "");
    if (!API.matcher(path).matches()) {
      path = path + "/api/" + DEFAULT_VERSION;
    }
    return URI.create(u.getScheme() + "://" + u.getRawAuthority() + path + "/");
  }
}
