package dev.patchflow.gittree;

import java.util.LinkedHashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Message-IDs an upstream commit names as its origin: "Link:" trailers to lore
 * (lore.kernel.org/r/ID, lore.kernel.org/LIST/ID) or to patch.msgid.link/ID, and
 * "Message-Id:" trailers, as maintainers' tools add them when they apply a patch.
 */
public final class MergeTrailers {
  private static final Pattern LINK = Pattern.compile(
      "(?im)^Link:\\s*<?https?://(?:lore\\.kernel\\.org/(?:r|[A-Za-z0-9._-]+)|patch\\.msgid\\.link)/([^\\s>]+?)/?>?\\s*$");
  private static final Pattern MESSAGE_ID = Pattern.compile("(?im)^Message-I[dD]:\\s*<?([^\\s<>]+@[^\\s<>]+)>?\\s*$");

  private MergeTrailers() {}

  public static Set<String> messageIds(String commitMessage) {
    Set<String> ids = new LinkedHashSet<>();
    Matcher m = LINK.matcher(commitMessage);
    while (m.find()) {
      String id = java.net.URLDecoder.decode(m.group(1).replace("+", "%2B"), java.nio.charset.StandardCharsets.UTF_8);
      if (id.contains("@")) {
        ids.add(id);
      }
    }
    m = MESSAGE_ID.matcher(commitMessage);
    while (m.find()) {
      ids.add(m.group(1));
    }
    return ids;
  }
}
