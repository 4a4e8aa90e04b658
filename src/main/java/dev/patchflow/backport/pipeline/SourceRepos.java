package dev.patchflow.backport.pipeline;

import dev.patchflow.git.Git;
import dev.patchflow.git.GitException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * The kernel repositories a run reads (upstream, each line's kernel source): a local path is
 * used in place; a URL is mirrored under the work dir once and fetched at each run, so a nightly
 * run costs one fetch. Each is opened once per run.
 */
final class SourceRepos {
  private final Path cache;
  private final boolean refresh;
  private final Map<String, Git> opened = new HashMap<>();

  /** @param refresh fetch mirrors that exist already (off with --skip-clone) */
  SourceRepos(Path cache, boolean refresh) {
    this.cache = cache;
    this.refresh = refresh;
  }

  Git open(String urlOrPath) throws GitException {
    Git known = opened.get(urlOrPath);
    if (known != null) {
      return known;
    }
    Git git;
    Path local = localPath(urlOrPath);
    if (local != null) {
      git = new Git(local);
    } else {
      Path mirror = cache.resolve(name(urlOrPath));
      if (Files.isDirectory(mirror)) {
        git = new Git(mirror);
        if (refresh) {
          git.fetchMirror();
        }
      } else {
        git = Git.cloneMirror(urlOrPath, mirror);
      }
    }
    opened.put(urlOrPath, git);
    return git;
  }

  private static Path localPath(String s) {
    if (s.contains("://") || s.matches("[^/]+@[^/]+:.*")) {
      return s.startsWith("file://") ? Path.of(java.net.URI.create(s)) : null;
    }
    try {
      Path p = Path.of(s);
      return Files.isDirectory(p) ? p : null;
    } catch (InvalidPathException e) {
      return null;
    }
  }

  /** A folder name for a URL: readable, and distinct for distinct URLs. */
  static String name(String url) {
    String tail = url.replaceAll("[/:]+$", "").replaceAll(".*[/:]", "").replaceAll("\\.git$", "");
    String safe = tail.replaceAll("[^A-Za-z0-9._-]", "_");
    return safe + "-" + Integer.toHexString(url.hashCode()) + ".git";
  }
}
