package dev.patchflow.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.stream.Collectors;

/**
 * The words of the corpus: commit messages with kernel-style trailers, cover letters, review
 * comments. No line starts with "From ", so the mbox needs no escaping for them.
 */
final class Prose {
  private static final String[] SUBJECTS = {
    "fix %s reference leak", "add a %s helper", "remove unused %s", "check the return value of %s",
    "avoid a race in %s", "convert %s to scoped locks", "use %s instead of an open-coded loop",
    "simplify error handling in %s", "drop a redundant lock in %s", "document the locking rules of %s",
  };
  private static final String[] SENTENCES = {
    "The %s path takes the lock twice when the queue is full.",
    "Nothing checks what %s returns, so an error is silently dropped.",
    "This was found by code inspection.",
    "No functional change intended.",
    "Tested on a machine with 64 queues under heavy load.",
    "Without this the counter can wrap and %s stops making progress.",
    "Move the check before the allocation so that the error path does not have to undo it.",
    "Callers already hold the lock, so taking it again in %s only costs cycles.",
    "The old code predates the generic helpers and can now use them.",
  };
  private static final String[] REVIEWS = {
    "Looks good to me.", "Nice cleanup.", "Thanks, this matches what I saw on my setup.",
    "One nit below, but fine either way.", "I tested this on two boards, no regressions.",
  };

  private Prose() {}

  static String commitMessage(Random rnd, Subsystem sub, String ident, Dev author, Dev reporter) {
    StringBuilder m = new StringBuilder();
    m.append(sub.tag()).append(": ").append(String.format(SUBJECTS[rnd.nextInt(SUBJECTS.length)], ident)).append("\n\n");
    m.append(wrap(sentences(rnd, 2 + rnd.nextInt(4), ident), 72)).append("\n\n");
    if (rnd.nextInt(10) < 3) {
      m.append("Fixes: ").append(hex(rnd, 12)).append(" (\"").append(sub.tag()).append(": add ")
          .append(ident).append("\")\n");
    }
    if (rnd.nextInt(100) < 15) {
      m.append("Reported-by: ").append(reporter.ident()).append("\n");
    }
    if (rnd.nextInt(100) < 20) {
      m.append("Link: https://lore.example.org/r/").append(hex(rnd, 16)).append("@example.org\n");
    }
    if (rnd.nextInt(100) < 5) {
      m.append("Cc: stable@vger.kernel.org\n");
    }
    m.append("Signed-off-by: ").append(author.ident()).append("\n");
    return m.toString();
  }

  static String coverTitle(Random rnd, Subsystem sub) {
    return sub.tag() + ": " + CCode.NOUNS[rnd.nextInt(CCode.NOUNS.length)] + " fixes and cleanups";
  }

  static String coverBlurb(Random rnd, int version) {
    StringBuilder b = new StringBuilder();
    b.append(wrap("This series tidies up the code it touches. " + sentences(rnd, 3, "the driver"), 72));
    if (version > 1) {
      b.append("\n\nChanges in v").append(version).append(":\n- rebased\n- addressed review comments");
    }
    return b.toString();
  }

  /** {@code n} different sentences, in random order. */
  private static String sentences(Random rnd, int n, String subject) {
    List<String> all = new ArrayList<>(List.of(SENTENCES));
    Collections.shuffle(all, rnd);
    return all.subList(0, n).stream().map(s -> String.format(s, subject)).collect(Collectors.joining(" "));
  }

  static String reviewComment(Random rnd) {
    return REVIEWS[rnd.nextInt(REVIEWS.length)];
  }

  static String hex(Random rnd, int digits) {
    byte[] b = new byte[(digits + 1) / 2];
    rnd.nextBytes(b);
    return HexFormat.of().formatHex(b).substring(0, digits);
  }

  static String wrap(String text, int width) {
    StringBuilder out = new StringBuilder();
    int col = 0;
    for (String word : text.split(" ")) {
      if (col > 0 && col + 1 + word.length() > width) {
        out.append('\n');
        col = 0;
      } else if (col > 0) {
        out.append(' ');
        col++;
      }
      out.append(word);
      col += word.length();
    }
    return out.toString();
  }
}
