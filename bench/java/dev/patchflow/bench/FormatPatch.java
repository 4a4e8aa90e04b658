package dev.patchflow.bench;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns a series' branches into mail with `git format-patch`, as a submitter would before
 * `git send-email`: threaded shallow under a cover letter, v2 marked, list headers added.
 */
final class FormatPatch {
  private static final Pattern SEPARATOR = Pattern.compile("^From [0-9a-f]{40} Mon Sep 17 00:00:00 2001$", Pattern.MULTILINE);

  private final Git git;
  private final SourceTree tree;
  private final CorpusSpec spec;

  FormatPatch(Git git, SourceTree tree, CorpusSpec spec) {
    this.git = git;
    this.tree = tree;
    this.spec = spec;
  }

  /** Each version's mails in the order format-patch wrote them, v1 first. */
  List<List<PatchMail>> format(SeriesPlan plan) throws IOException {
    List<List<PatchMail>> out = new ArrayList<>();
    for (int v = 1; v <= plan.versions(); v++) {
      String mbox = git.run(committer(plan, v), args(plan, v).toArray(String[]::new));
      List<PatchMail> mails = split(coverLetter(mbox, plan, v));
      if (mails.size() != plan.mailsPerVersion()) {
        throw new IOException(plan.branch(v) + ": format-patch wrote " + mails.size() + " mails, expected " + plan.mailsPerVersion());
      }
      out.add(mails);
    }
    return out;
  }

  private List<String> args(SeriesPlan plan, int version) {
    List<String> a = new ArrayList<>(List.of("format-patch", "--stdout", "--thread=shallow"));
    if (plan.hasCover()) {
      a.add("--cover-letter");
    }
    if (version > 1) {
      a.add("-v" + version);
    }
    a.add("--subject-prefix=" + plan.subjectPrefix());
    a.add("--to=" + spec.listAddress());
    plan.cc().forEach(d -> a.add("--cc=" + d.ident()));
    a.add("--add-header=List-Id: <" + spec.listId() + ">");
    a.add("main.." + plan.branch(version));
    return a;
  }

  /** The cover letter is "from" the committer and dated by it: make that the submitter, at send time. */
  private static Map<String, String> committer(SeriesPlan plan, int version) {
    Dev d = plan.author();
    return Map.of("GIT_COMMITTER_NAME", d.name(), "GIT_COMMITTER_EMAIL", d.email(),
        "GIT_COMMITTER_DATE", "@" + plan.sent(version).getEpochSecond() + " " + d.tz());
  }

  /**
   * Fills in the cover letter's placeholders, and makes its Message-ID unique: format-patch
   * names it cover.SECONDS.git.COMMITTER, which two series formatted in the same second by the
   * same submitter would share. The branch name goes in, everywhere the ID is referenced.
   */
  private String coverLetter(String mbox, SeriesPlan plan, int version) {
    if (!plan.hasCover()) {
      return mbox;
    }
    Random rnd = new Random(plan.seed() + 1);
    String title = Prose.coverTitle(rnd, tree.subsystems().get(plan.subsystem()));
    return mbox.replace("*** SUBJECT HERE ***", title)
        .replace("*** BLURB HERE ***", Prose.coverBlurb(rnd, version))
        .replace("<cover.", "<cover." + plan.branch(version) + ".");
  }

  static List<PatchMail> split(String mbox) {
    List<PatchMail> out = new ArrayList<>();
    Matcher m = SEPARATOR.matcher(mbox);
    int start = -1;
    while (m.find()) {
      if (start >= 0) {
        out.add(PatchMail.of(mbox.substring(start, m.start())));
      }
      start = m.start();
    }
    if (start >= 0) {
      out.add(PatchMail.of(mbox.substring(start)));
    }
    return out;
  }
}
