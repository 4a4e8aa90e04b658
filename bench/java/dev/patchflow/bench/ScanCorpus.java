package dev.patchflow.bench;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * The scan benchmark's upstream: a kernel-like repository of 100,000 commits spread over a year
 * (2024-07 to 2025-06), written by two {@code git fast-import} runs. The first half ends at tag
 * v6.1; the second half's fixes name real commits of the first ({@code Fixes:} needs their ids,
 * which only the first run's marks give). About 5% of commits carry {@code Fixes:}, 2% a
 * {@code Cc: stable}, 0.5% a CVE id; each changes one line of one of 2,000 small files. A
 * vulns-style folder names 20 keyword-free commits of March 2025 as CVE fixes. Seeded, built
 * once and cached under the data directory.
 */
final class ScanCorpus {
  static final int VERSION = 1;
  static final int COMMITS = Integer.getInteger("patchflow.bench.scan.commits", 100_000);
  static final Instant START = Instant.parse("2024-07-01T00:00:00Z");
  static final Instant END = Instant.parse("2025-07-01T00:00:00Z");
  private static final String[] SUBSYSTEMS = {"net", "mm", "fs", "drivers/gpu", "drivers/net", "kernel/sched",
      "arch/x86/kvm", "io_uring", "sound", "block", "security", "crypto"};
  private static final String[] VERBS = {"fix", "add", "remove", "rework", "simplify", "handle", "avoid", "use",
      "convert", "clean up"};
  private static final String[] NOUNS = {"use-after-free in", "NULL dereference in", "refcount leak in",
      "locking in", "error path of", "overflow in", "race in", "documentation of", "helpers for", "stats of"};
  private static final String[] THINGS = {"probe", "open", "release", "ioctl", "poll", "xmit", "rx path", "reset",
      "suspend", "teardown", "lookup", "init"};

  final Path repo;
  final Path vulns;

  private ScanCorpus(Path repo, Path vulns) {
    this.repo = repo;
    this.vulns = vulns;
  }

  static ScanCorpus get(Path dataDir) throws IOException {
    Path dir = dataDir.resolve("scan-v" + VERSION + "-c" + COMMITS + "-seed11");
    ScanCorpus c = new ScanCorpus(dir.resolve("linux.git"), dir.resolve("vulns"));
    if (Files.exists(dir.resolve("done"))) {
      return c;
    }
    Dirs.deleteTree(dir);
    Files.createDirectories(c.repo);
    long t0 = System.nanoTime();
    Git git = new Git(c.repo);
    git.run(Map.of(), "init", "-q", "--bare", "-b", "master", ".");
    Random rnd = new Random(11);
    int half = COMMITS / 2;
    List<String> subjects = new ArrayList<>();
    Map<Integer, String> first = importRun(git, rnd, 0, half, Map.of(), subjects, null);
    git.run(Map.of(), "tag", "v6.1", first.get(half));
    Map<Integer, String> second = importRun(git, rnd, half, COMMITS, first, subjects, first.get(half));
    writeRecords(c.vulns, second, rnd);
    git.run(Map.of(), "commit-graph", "write", "--reachable");
    Files.writeString(dir.resolve("done"), "");
    System.err.printf("bench: scan: generated %d commits in %.1f s%n", COMMITS, (System.nanoTime() - t0) / 1e9);
    return c;
  }

  /** Commits number {@code from+1..to} on master; returns commit ids by number (from the exported marks). */
  private static Map<Integer, String> importRun(Git git, Random rnd, int from, int to, Map<Integer, String> earlier,
      List<String> subjects, String parent) throws IOException {
    Path marks = Files.createTempFile("scan-marks", ".txt");
    Process p = git.builder(Map.of(), List.of("fast-import", "--quiet", "--done", "--export-marks=" + marks))
        .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    try (OutputStream out = new BufferedOutputStream(p.getOutputStream(), 1 << 16)) {
      long span = END.getEpochSecond() - START.getEpochSecond();
      for (int n = from + 1; n <= to; n++) {
        long when = START.getEpochSecond() + span * (n - 1) / COMMITS + rnd.nextInt(60);
        String sub = SUBSYSTEMS[rnd.nextInt(SUBSYSTEMS.length)];
        String subject = sub.replace('/', ' ').split(" ")[sub.startsWith("drivers") ? 1 : 0] + ": "
            + VERBS[rnd.nextInt(VERBS.length)] + " " + NOUNS[rnd.nextInt(NOUNS.length)] + " "
            + THINGS[rnd.nextInt(THINGS.length)] + " " + n;
        subjects.add(subject);
        StringBuilder msg = new StringBuilder(subject).append("\n\n");
        for (int l = 0, lines = 3 + rnd.nextInt(6); l < lines; l++) {
          msg.append("The ").append(THINGS[rnd.nextInt(THINGS.length)]).append(" path can ")
              .append(VERBS[rnd.nextInt(VERBS.length)]).append(" the state while another CPU holds the lock;\n");
        }
        msg.append('\n');
        int roll = rnd.nextInt(1000);
        if (roll < 50 && !earlier.isEmpty()) {
          int target = 1 + rnd.nextInt(earlier.size());
          msg.append("Fixes: ").append(earlier.get(target), 0, 12).append(" (\"").append(subjects.get(target - 1)).append("\")\n");
        }
        if (roll < 20 || roll >= 990) {
          msg.append("Cc: stable@vger.kernel.org").append(roll % 2 == 0 ? " # 6.1.x" : "").append('\n');
        }
        if (roll >= 995) {
          msg.append("Link: https://www.cve.org/CVERecord?id=CVE-2025-").append(10000 + n).append('\n');
        }
        msg.append("Signed-off-by: Dev ").append(n % 97).append(" <dev").append(n % 97).append("@example.org>\n");
        String ident = "Dev " + (n % 97) + " <dev" + (n % 97) + "@example.org> " + when + " +0000";
        line(out, "commit refs/heads/master");
        line(out, "mark :" + n);
        line(out, "author " + ident);
        line(out, "committer " + ident);
        data(out, msg.toString());
        if (n == from + 1 && parent != null) {
          line(out, "from " + parent);
        }
        line(out, "M 100644 inline " + sub + "/file" + rnd.nextInt(2000 / SUBSYSTEMS.length) + ".c");
        data(out, "/* " + subject + " */\nint v" + n + ";\n");
        line(out, "");
      }
      line(out, "done");
    }
    Git.check(p, List.of("fast-import"));
    Map<Integer, String> ids = new HashMap<>(earlier);
    for (String l : Files.readAllLines(marks)) {
      String[] f = l.split(" ");
      ids.put(Integer.parseInt(f[0].substring(1)), f[1]);
    }
    Files.delete(marks);
    return ids;
  }

  /** 20 commits of March 2025 without keywords, named as CVE fixes; 6.1 has the bug in 10 of them. */
  private static void writeRecords(Path vulns, Map<Integer, String> ids, Random rnd) throws IOException {
    Path year = Files.createDirectories(vulns.resolve("published/2025"));
    long span = END.getEpochSecond() - START.getEpochSecond();
    long march = ZonedDateTime.of(2025, 3, 10, 0, 0, 0, 0, ZoneOffset.UTC).toEpochSecond();
    int n = (int) ((march - START.getEpochSecond()) * COMMITS / span);
    for (int i = 0; i < 20; i++, n += 97) {
      String id = "CVE-2025-9" + String.format("%04d", i);
      Files.writeString(year.resolve(id + ".sha1"), ids.get(n) + "\n");
      String root = i % 2 == 0 ? "5.15" : "6.3";
      Files.writeString(year.resolve(id + ".dyad"), "# dyad version: bench\n" + root + ":" + ids.get(1 + rnd.nextInt(n - 1))
          + ":6.15:" + ids.get(n) + "\n");
    }
  }

  private static void line(OutputStream out, String s) throws IOException {
    out.write(s.getBytes(StandardCharsets.UTF_8));
    out.write('\n');
  }

  private static void data(OutputStream out, String text) throws IOException {
    byte[] b = text.getBytes(StandardCharsets.UTF_8);
    line(out, "data " + b.length);
    out.write(b);
    out.write('\n');
  }
}
