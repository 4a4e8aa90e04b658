package dev.patchflow.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * Makes the api benchmark's mbox straight from templates, without git: at this size (100,000
 * patches) format-patch would take many minutes, and the API only needs mail that looks and
 * threads like the real thing. Each series is what git format-patch and git send-email write:
 * a cover letter when there is more than one patch, patches numbered n/m (zero-padded) and
 * threaded shallow under it, one small "diff --git" each, with a diffstat. Some series are
 * later versions (v2, v3) of an earlier one: same sender, same names, sent days later, so that
 * threading links the versions. About one series in eight gets a review reply with a
 * Reviewed-by. Mail goes out in date order over a few years.
 *
 * <p>Series names are unique per sender (a collision would make threading take an unrelated
 * series for an earlier version), and the patch counts add up to exactly the number asked for.
 */
final class ApiMboxGenerator {
  private static final int DEVELOPERS = 400;
  /** Share of series with one patch (no cover letter); the others have 2-15 patches. */
  private static final double SINGLE_SHARE = 0.25;
  private static final int MAX_PATCHES = 15;
  /** Share of all series that are a later version of another. */
  private static final double LATER_VERSION_SHARE = 1 / 6.0;
  private static final double REPLY_CHANCE = 0.12;
  private static final double SECOND_REPLY_CHANCE = 0.03;
  private static final String[] TREE_PREFIXES = {"PATCH net-next", "PATCH net", "RFC PATCH", "PATCH for-next"};
  private static final String[] COVER_TITLES = {
    "%s fixes and cleanups", "rework %s", "clean up %s and its callers", "speed up %s", "fix locking around %s",
    "prepare %s for multiqueue", "a few %s improvements", "convert %s to the new API",
  };
  private static final DateTimeFormatter RFC_2822 = DateTimeFormatter.ofPattern("EEE, d MMM yyyy HH:mm:ss Z", Locale.ENGLISH);
  private static final DateTimeFormatter ID_STAMP = DateTimeFormatter.ofPattern("yyyyMMddHHmmss").withZone(ZoneOffset.UTC);

  /** One file's change: its path, counts, and the text from "diff --git" on. */
  private record Diff(String path, int added, int removed, String text) {}

  /** A patch: the commit message (subject on its first line) and its diff. */
  private record Patch(String message, Diff diff) {
    String subject() {
      return message.substring(0, message.indexOf('\n'));
    }
  }

  /**
   * Work sent as one or more versions (each a series in the store).
   *
   * @param cover the cover letter's title; null for a single patch
   * @param sent when each version went out, v1 first
   */
  private record Topic(int index, Dev author, List<Dev> cc, String prefix, String cover, List<Patch> patches,
      List<Instant> sent, long seed) {}

  /** One version of a topic going out. */
  private record Send(Topic topic, int version) {
    Instant at() {
      return topic.sent().get(version - 1);
    }
  }

  private final ApiCorpus.Spec spec;

  ApiMboxGenerator(ApiCorpus.Spec spec) {
    this.spec = spec;
  }

  ApiCorpus.Stats generate(Path out) throws IOException {
    Random rnd = new Random(spec.seed());
    People people = new People(rnd, DEVELOPERS);
    SourceTree tree = new SourceTree(rnd);
    List<Topic> topics = plan(rnd, people, tree);

    List<Send> sends = new ArrayList<>();
    for (Topic t : topics) {
      for (int v = 1; v <= t.sent().size(); v++) {
        sends.add(new Send(t, v));
      }
    }
    sends.sort(Comparator.comparing(Send::at).thenComparingInt(s -> s.topic().index()));

    ReplyWriter replies = new ReplyWriter(new CorpusSpec(0, spec.seed(), spec.start(), spec.listId(), spec.listAddress()));
    long patches = 0;
    long covers = 0;
    long replyCount = 0;
    MboxWriter mbox = new MboxWriter(out);
    try (mbox) {
      for (Send s : sends) {
        mbox.flushBefore(s.at()); // nothing still to come is older than this series
        List<PatchMail> mails = mails(s);
        mails.forEach(mbox::add);
        patches += s.topic().patches().size();
        covers += s.topic().cover() == null ? 0 : 1;
        Random r = new Random(s.topic().seed() * 7 + s.version());
        if (r.nextDouble() < REPLY_CHANCE) {
          int n = r.nextDouble() < SECOND_REPLY_CHANCE / REPLY_CHANCE ? 2 : 1;
          for (int i = 0; i < n; i++) {
            PatchMail target = mails.get(r.nextInt(mails.size()));
            Instant when = target.date().plus(Duration.ofMinutes(10 + r.nextInt(72 * 60)));
            mbox.add(replies.reply(target, people.other(r, s.topic().author()), s.topic().author(), when, r));
            replyCount++;
          }
        }
      }
    }
    if (patches != spec.patches() || sends.size() != spec.series()) {
      throw new IllegalStateException("generated " + patches + " patches in " + sends.size() + " series, planned "
          + spec.patches() + " in " + spec.series());
    }
    return new ApiCorpus.Stats(mbox.written(), patches, covers, replyCount, sends.size(), topics.size());
  }

  // ---- planning: how many versions and patches each topic has, names, diffs, send times

  private List<Topic> plan(Random rnd, People people, SourceTree tree) {
    int series = spec.series();
    int count = series - (int) Math.round(series * LATER_VERSION_SHARE);
    if (spec.patches() < series || spec.patches() > series * MAX_PATCHES) {
      throw new IllegalArgumentException("cannot put " + spec.patches() + " patches in " + series + " series of 1-" + MAX_PATCHES);
    }
    // Versions: one each, then the extra ones spread out, a v3 rarer than a v2.
    int[] versions = new int[count];
    java.util.Arrays.fill(versions, 1);
    for (int extra = series - count; extra > 0; ) {
      int t = rnd.nextInt(count);
      if (versions[t] == 1 || (versions[t] == 2 && rnd.nextInt(5) == 0)) {
        versions[t]++;
        extra--;
      }
    }
    // Sizes: a quarter single patches, the rest 2-15; then nudged (on single-version topics, one
    // patch at a time) until all versions' patches add up to the exact total.
    int[] sizes = new int[count];
    long total = 0;
    for (int t = 0; t < count; t++) {
      sizes[t] = rnd.nextDouble() < SINGLE_SHARE ? 1 : 2 + rnd.nextInt(MAX_PATCHES - 1);
      total += (long) sizes[t] * versions[t];
    }
    while (total != spec.patches()) {
      int t = rnd.nextInt(count);
      if (versions[t] != 1) {
        continue;
      }
      if (total > spec.patches() && sizes[t] > 1) {
        sizes[t]--;
        total--;
      } else if (total < spec.patches() && sizes[t] < MAX_PATCHES) {
        sizes[t]++;
        total++;
      }
    }

    long meanGap = Duration.ofDays(365L * spec.years()).toSeconds() / count;
    Set<String> names = new HashSet<>(); // sender + name, lower case: what threading links versions by
    List<Topic> out = new ArrayList<>(count);
    Instant t = spec.start();
    for (int i = 0; i < count; i++) {
      t = t.plusSeconds(rnd.nextLong(2 * meanGap + 1));
      Dev author = people.pick(rnd);
      List<Dev> cc = List.of(people.other(rnd, author), people.other(rnd, author));
      Subsystem sub = tree.subsystems().get(rnd.nextInt(tree.subsystems().size()));
      String prefix = rnd.nextDouble() < 0.2 ? TREE_PREFIXES[rnd.nextInt(TREE_PREFIXES.length)] : "PATCH";
      long seed = rnd.nextLong();
      List<Instant> sent = new ArrayList<>(List.of(t));
      for (int v = 2; v <= versions[i]; v++) {
        sent.add(sent.get(sent.size() - 1).plus(Duration.ofMinutes(2 * 24 * 60 + rnd.nextInt(12 * 24 * 60))));
      }
      Random r = new Random(seed);
      List<Patch> patches = new ArrayList<>();
      for (int p = 0; p < sizes[i]; p++) {
        patches.add(patch(r, tree, sub, author, people, names, i));
      }
      String cover = null;
      if (sizes[i] > 1) {
        for (int attempt = 0; cover == null; attempt++) {
          String ident = CCode.ident(r, sub.symbol()) + (attempt < 20 ? "" : "_" + i);
          String title = sub.tag() + ": " + String.format(COVER_TITLES[r.nextInt(COVER_TITLES.length)], ident);
          cover = names.add(author.email() + "\u0000" + title.toLowerCase(Locale.ROOT)) ? title : null;
        }
      }
      out.add(new Topic(i, author, cc, prefix, cover, List.copyOf(patches), List.copyOf(sent), seed));
    }
    return out;
  }

  /** A patch whose subject the sender has not used before. */
  private static Patch patch(Random r, SourceTree tree, Subsystem sub, Dev author, People people, Set<String> names,
      int topic) {
    for (int attempt = 0; ; attempt++) {
      String ident = CCode.ident(r, sub.symbol()) + (attempt < 20 ? "" : "_" + topic);
      String message = Prose.commitMessage(r, sub, ident, author, people.other(r, author));
      String subject = message.substring(0, message.indexOf('\n'));
      if (names.add(author.email() + "\u0000" + subject.toLowerCase(Locale.ROOT))) {
        return new Patch(message, diff(r, tree, sub));
      }
    }
  }

  /** One hunk in one file of the subsystem: three lines of context around a line or two changed. */
  private static Diff diff(Random r, SourceTree tree, Subsystem sub) {
    String path = sub.files().get(r.nextInt(sub.files().size()));
    List<String> lines = tree.files().get(path);
    int at = 3 + r.nextInt(Math.max(1, lines.size() - 8)); // first changed line, 0-based
    int removed = r.nextInt(3) == 0 ? 0 : 1;
    List<String> added = new ArrayList<>(CCode.statement(r, sub.symbol()));
    if (r.nextBoolean()) {
      added.addAll(CCode.statement(r, sub.symbol()));
    }
    String function = "";
    for (int i = at - 4; i >= 0; i--) {
      String l = lines.get(i);
      if (!l.isEmpty() && Character.isLetter(l.charAt(0)) && l.contains("(")) {
        function = " " + l;
        break;
      }
    }
    StringBuilder d = new StringBuilder();
    d.append("diff --git a/").append(path).append(" b/").append(path).append('\n');
    d.append("index ").append(Prose.hex(r, 9)).append("..").append(Prose.hex(r, 9)).append(" 100644\n");
    d.append("--- a/").append(path).append('\n');
    d.append("+++ b/").append(path).append('\n');
    int start = at - 3 + 1;
    d.append("@@ -").append(start).append(',').append(6 + removed).append(" +").append(start).append(',')
        .append(6 + added.size()).append(" @@").append(function).append('\n');
    for (int i = at - 3; i < at; i++) {
      d.append(' ').append(lines.get(i)).append('\n');
    }
    for (int i = at; i < at + removed; i++) {
      d.append('-').append(lines.get(i)).append('\n');
    }
    for (String a : added) {
      d.append('+').append(a).append('\n');
    }
    for (int i = at + removed; i < at + removed + 3; i++) {
      d.append(' ').append(lines.get(i)).append('\n');
    }
    return new Diff(path, added.size(), removed, d.toString());
  }

  // ---- the mails of one version, as git format-patch + git send-email write them

  private List<PatchMail> mails(Send s) {
    Topic t = s.topic();
    List<PatchMail> out = new ArrayList<>();
    String coverId = null;
    List<String> refs = List.of();
    if (t.cover() != null) {
      coverId = messageId(s, 0);
      out.add(mail(s, 0, coverId, subject(s, 0) + t.cover(), List.of(), coverBody(s)));
      refs = List.of(coverId);
    }
    for (int n = 1; n <= t.patches().size(); n++) {
      Patch p = t.patches().get(n - 1);
      String body = p.message().substring(p.message().indexOf('\n') + 1).stripLeading()
          + "---\n" + diffstat(List.of(p.diff())) + "\n" + p.diff().text() + "-- \n2.39.5\n";
      out.add(mail(s, n, messageId(s, n), subject(s, n) + p.subject(), refs, body));
    }
    return out;
  }

  private PatchMail mail(Send s, int number, String messageId, String subject, List<String> refs, String body) {
    Topic t = s.topic();
    Instant date = s.at().plusSeconds(number);
    StringBuilder m = new StringBuilder();
    m.append("From ").append(Prose.hex(new Random(t.seed() * 31 + s.version() * 101L + number), 40))
        .append(" Mon Sep 17 00:00:00 2001\n");
    m.append("From: ").append(ReplyWriter.address(t.author())).append('\n');
    m.append("To: ").append(spec.listAddress()).append('\n');
    m.append("Cc: ").append(ReplyWriter.address(t.cc().get(0))).append(",\n    ")
        .append(ReplyWriter.address(t.cc().get(1))).append('\n');
    m.append("Subject: ").append(subject).append('\n');
    m.append("Date: ").append(RFC_2822.format(date.atOffset(ZoneOffset.of(t.author().tz())))).append('\n');
    m.append("Message-ID: ").append(messageId).append('\n');
    if (!refs.isEmpty()) {
      m.append("In-Reply-To: ").append(refs.get(refs.size() - 1)).append('\n');
      m.append("References: ").append(String.join(" ", refs)).append('\n');
    }
    m.append("MIME-Version: 1.0\n");
    m.append("Content-Type: text/plain; charset=UTF-8\n");
    m.append("Content-Transfer-Encoding: 8bit\n");
    m.append("List-Id: <").append(spec.listId()).append(">\n");
    m.append('\n').append(body);
    return new PatchMail(messageId, subject, date, refs, m.toString());
  }

  /** git send-email's form: time, a per-send number, the position, the sender's address. */
  private static String messageId(Send s, int number) {
    return "<" + ID_STAMP.format(s.at()) + "." + s.topic().index() + "-v" + s.version() + "-" + number + "-"
        + s.topic().author().email() + ">";
  }

  /** "[PATCH net-next v2 03/12] " as format-patch writes it (no v1, numbers padded to the total's width). */
  private static String subject(Send s, int number) {
    Topic t = s.topic();
    StringBuilder b = new StringBuilder("[").append(t.prefix());
    if (s.version() > 1) {
      b.append(" v").append(s.version());
    }
    int total = t.patches().size();
    if (total > 1) {
      String n = Integer.toString(number);
      String width = Integer.toString(total);
      b.append(' ').append("0".repeat(width.length() - n.length())).append(n).append('/').append(total);
    }
    return b.append("] ").toString();
  }

  private static String coverBody(Send s) {
    Topic t = s.topic();
    StringBuilder b = new StringBuilder();
    b.append(Prose.coverBlurb(new Random(t.seed() + s.version()), s.version())).append("\n\n");
    b.append(t.author().name()).append(" (").append(t.patches().size()).append("):\n");
    for (Patch p : t.patches()) {
      b.append("  ").append(p.subject()).append('\n');
    }
    b.append('\n').append(diffstat(t.patches().stream().map(Patch::diff).toList()));
    b.append("\n-- \n2.39.5\n");
    return b.toString();
  }

  /** " path | 3 ++-" per file and the summary line, as git writes them. */
  private static String diffstat(List<Diff> diffs) {
    Map<String, int[]> files = new LinkedHashMap<>();
    for (Diff d : diffs) {
      int[] c = files.computeIfAbsent(d.path(), k -> new int[2]);
      c[0] += d.added();
      c[1] += d.removed();
    }
    int width = files.keySet().stream().mapToInt(String::length).max().orElse(0);
    StringBuilder b = new StringBuilder();
    int added = 0;
    int removed = 0;
    for (Map.Entry<String, int[]> e : new java.util.TreeMap<>(files).entrySet()) {
      int[] c = e.getValue();
      b.append(' ').append(e.getKey()).append(" ".repeat(width - e.getKey().length())).append(" | ")
          .append(c[0] + c[1]).append(' ').append("+".repeat(c[0])).append("-".repeat(c[1])).append('\n');
      added += c[0];
      removed += c[1];
    }
    b.append(' ').append(files.size()).append(files.size() == 1 ? " file changed" : " files changed");
    if (added > 0) {
      b.append(", ").append(added).append(added == 1 ? " insertion(+)" : " insertions(+)");
    }
    if (removed > 0) {
      b.append(", ").append(removed).append(removed == 1 ? " deletion(-)" : " deletions(-)");
    }
    return b.append('\n').toString();
  }
}
