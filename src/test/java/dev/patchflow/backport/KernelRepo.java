package dev.patchflow.backport;

import dev.patchflow.testing.Sh;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A small kernel-like repository built with real git: tags v6.1 and v6.12, a linux-6.1.y
 * branch with backports (marked both ways, and one picked without a marker), fixes of every
 * kind committed in March 2025, a CVE record for a commit that says nothing of it, and a 6.1
 * spec folder whose CVE/ patches carry two of the fixes.
 */
public final class KernelRepo {
  public final Path repo;
  public final Path vulns;
  public final Path spec;
  /** Commit ids by short name (bug1, fixStableMarker, ...). */
  public final Map<String, String> sha = new LinkedHashMap<>();

  public KernelRepo(Path tmp) throws IOException {
    repo = Files.createDirectories(tmp.resolve("linux"));
    vulns = tmp.resolve("vulns");
    spec = tmp.resolve("spec");
    git("init", "-q", "-b", "master");
    List<String> files = List.of("net/b1.c", "mm/a2.c", "drivers/c3.c", "fs/e4.c", "io_uring/d5.c", "net/b6.c",
        "mm/a7.c", "drivers/c8.c", "fs/e10.c", "net/b11.c", "net/b12.c", "fs/early.c", "fs/late.c");
    for (String f : files) {
      write(f, "/* " + f + " */\nint x;\n");
    }
    commit("init\n\nLinux.\n", "2024-01-01T10:00:00Z");
    change("bug1", "net/b1.c", "net: add fast path", "Adds a fast path.\n", "2024-01-10T10:00:00Z");
    change("bug2", "mm/a2.c", "mm: add pool", "Adds a pool.\n", "2024-01-11T10:00:00Z");
    git("tag", "v6.1");
    change("bug3", "fs/e4.c", "fs: new lookup", "After 6.1.\n", "2024-03-01T10:00:00Z");
    git("tag", "v6.12");

    fix("early", "fs/early.c", "fs: fix early thing", "Fixes: " + abbrev("bug1") + " (\"net: add fast path\")",
        "2025-02-27T10:00:00Z");
    fix("fixStableMarker", "net/b1.c", "net: fix fast path crash",
        "Fixes: " + abbrev("bug1") + " (\"net: add fast path\")\nCc: stable@vger.kernel.org", "2025-03-02T10:00:00Z");
    fix("fixStableBracket", "mm/a2.c", "mm: fix pool leak", "Fixes: " + abbrev("bug2") + " (\"mm: add pool\")",
        "2025-03-03T10:00:00Z");
    fix("fixStablePicked", "drivers/c3.c", "drivers: fix c3 overflow", "Fixes: " + abbrev("bug2") + " (\"mm: add pool\")",
        "2025-03-04T10:00:00Z");
    fix("fixAfterBase", "fs/e4.c", "fs: fix lookup race", "Fixes: " + abbrev("bug3") + " (\"fs: new lookup\")",
        "2025-03-05T10:00:00Z");
    fix("fixInSpec", "io_uring/d5.c", "io_uring: fix d5 speculation", "Fixes: " + abbrev("bug1") + " (\"net: add fast path\")",
        "2025-03-06T10:00:00Z");
    fix("fixNeeded", "net/b6.c", "net: fix b6 refcount", "Fixes: " + sha.get("bug2") + " (\"mm: add pool\")",
        "2025-03-07T10:00:00Z");
    fix("ccStableOnly", "mm/a7.c", "mm: harden a7", "Cc: stable@vger.kernel.org # 5.10.x", "2025-03-08T10:00:00Z");
    fix("byRecordOnly", "drivers/c8.c", "drivers: tidy c8 bounds", "", "2025-03-09T10:00:00Z");
    fix("plain", "fs/e10.c", "fs: rework e10 docs", "", "2025-03-10T10:00:00Z");
    fix("cveInText", "net/b11.c", "net: sanitize b11 (CVE-2025-12345)", "", "2025-03-11T10:00:00Z");
    fix("fixesMissing", "net/b12.c", "net: fix b12", "Fixes: 0123456789abcdef (\"gone\")", "2025-03-12T10:00:00Z");
    fix("specPatchId", "fs/e10.c", "fs: fix e10 overflow", "Cc: stable@vger.kernel.org", "2025-03-13T10:00:00Z");
    fix("late", "fs/late.c", "fs: fix late thing", "Fixes: " + abbrev("bug1") + " (\"net: add fast path\")",
        "2025-04-01T10:00:00Z");

    // The stable branch: three backports, each recognisable one way.
    git("checkout", "-q", "-b", "linux-6.1.y", "v6.1");
    pick("fixStableMarker", "net: fix fast path crash\n\ncommit " + sha.get("fixStableMarker") + " upstream.\n\nBackport.\n");
    pick("fixStableBracket", "mm: fix pool leak\n\n[ Upstream commit " + sha.get("fixStableBracket") + " ]\n\nBackport.\n");
    git("cherry-pick", "--allow-empty", sha.get("fixStablePicked"));
    git("checkout", "-q", "master");

    // The 6.1 spec folder: one patch naming its upstream commit, one carrying a diff only.
    Files.createDirectories(spec.resolve("CVE"));
    Files.writeString(spec.resolve("linux.spec"), "Name: linux\nVersion:        6.1.10\nRelease: 1%{?dist}\n");
    String named = git("format-patch", "-1", "--stdout", sha.get("fixInSpec"))
        .replaceFirst("\n\n", "\n\ncommit " + sha.get("fixInSpec") + " upstream.\n\n");
    Files.writeString(spec.resolve("CVE/0001-io_uring-fix-d5-speculation.patch"), named);
    String unnamed = git("format-patch", "-1", "--stdout", sha.get("specPatchId"))
        .replaceFirst("^From [0-9a-f]{40}", "From 0000000000000000000000000000000000000000");
    Files.writeString(spec.resolve("CVE/0001-fs-fix-e10-overflow.patch"), unnamed);

    // A CVE record for a commit whose message says nothing: 6.1 has the bug, no 6.1 fix.
    Path year = Files.createDirectories(vulns.resolve("published/2025"));
    String id = "CVE-2025-99001";
    Files.writeString(year.resolve(id + ".sha1"), sha.get("byRecordOnly") + "\n");
    Files.writeString(year.resolve(id + ".dyad"), "# dyad version: test\n"
        + "5.15:" + sha.get("bug2") + ":6.6.80:" + "a".repeat(40) + "\n"
        + "5.15:" + sha.get("bug2") + ":6.15:" + sha.get("byRecordOnly") + "\n");
    Files.writeString(year.resolve(id + ".json"), "{\"cveMetadata\":{\"cveId\":\"" + id + "\",\"state\":\"PUBLISHED\"},"
        + "\"containers\":{\"cna\":{\"title\":\"drivers: tidy c8 bounds\",\"affected\":[{\"programFiles\":[\"drivers/c8.c\"]}],"
        + "\"metrics\":[{\"cvssV3_1\":{\"baseScore\":7.8,\"baseSeverity\":\"HIGH\",\"vectorString\":\"CVSS:3.1/AV:L\"}}]}}}");
  }

  public String abbrev(String name) {
    return sha.get(name).substring(0, 12);
  }

  private void fix(String name, String file, String subject, String trailers, String date) throws IOException {
    change(name, file, subject, "Body of " + subject + ".\n\n" + (trailers.isEmpty() ? "" : trailers + "\n")
        + "Signed-off-by: A Dev <dev@example.org>\n", date);
  }

  private void change(String name, String file, String subject, String body, String date) throws IOException {
    Files.writeString(repo.resolve(file), "int " + name + ";\n", StandardCharsets.UTF_8, java.nio.file.StandardOpenOption.APPEND);
    git("add", file);
    commit(subject + "\n\n" + body, date);
    sha.put(name, git("rev-parse", "HEAD").strip());
  }

  private void commit(String message, String date) {
    run(Map.of("GIT_AUTHOR_DATE", date, "GIT_COMMITTER_DATE", date), "commit", "-q", "--allow-empty", "-m", message);
  }

  private void pick(String name, String message) {
    git("cherry-pick", "--no-commit", sha.get(name));
    run(Map.of(), "commit", "-q", "-m", message);
  }

  private void write(String file, String text) throws IOException {
    Files.createDirectories(repo.resolve(file).getParent());
    Files.writeString(repo.resolve(file), text);
    git("add", file);
  }

  public String git(String... args) {
    return run(Map.of(), args);
  }

  private String run(Map<String, String> extraEnv, String... args) {
    Map<String, String> env = new java.util.HashMap<>(Map.of("GIT_AUTHOR_NAME", "A Dev", "GIT_AUTHOR_EMAIL",
        "dev@example.org", "GIT_COMMITTER_NAME", "A Dev", "GIT_COMMITTER_EMAIL", "dev@example.org"));
    env.putAll(extraEnv);
    return Sh.git(repo, env, args);
  }
}
