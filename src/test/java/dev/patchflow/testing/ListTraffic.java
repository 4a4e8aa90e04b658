package dev.patchflow.testing;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Random;

/**
 * Synthetic list traffic for tests that need volume: series of 1-8 patches with a cover
 * letter when longer than one, and review replies. Deterministic for a seed.
 */
public final class ListTraffic {
  private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("EEE, d MMM yyyy HH:mm:ss Z", Locale.ROOT)
      .withZone(ZoneOffset.UTC);

  /** What was generated, to check an import against. */
  public record Generated(String mbox, int messages, int series) {}

  private ListTraffic() {}

  public static Generated generate(int seriesCount, long seed) {
    Random r = new Random(seed);
    StringBuilder out = new StringBuilder();
    int messages = 0;
    Instant t = Instant.parse("2025-01-01T00:00:00Z");
    for (int s = 0; s < seriesCount; s++) {
      int n = 1 + r.nextInt(8);
      String author = "dev" + r.nextInt(50) + "@example.org";
      String cover = "s" + s + ".0@traffic.test";
      if (n > 1) {
        mail(out, author, "[PATCH " + 0 + "/" + n + "] subsystem " + s + ": rework", cover, null, t, "Cover letter " + s + ".\n");
        messages++;
      }
      for (int p = 1; p <= n; p++) {
        t = t.plusSeconds(1);
        String subject = n > 1 ? "[PATCH " + p + "/" + n + "] subsystem " + s + ": step " + p : "[PATCH] fix " + s;
        String id = "s" + s + "." + p + "@traffic.test";
        String body = "Step " + p + ".\n\nSigned-off-by: Dev <" + author + ">\n---\n"
            + "diff --git a/f" + s + "_" + p + ".c b/f" + s + "_" + p + ".c\n"
            + "--- a/f" + s + "_" + p + ".c\n+++ b/f" + s + "_" + p + ".c\n@@ -1,2 +1,2 @@\n int a;\n-int b;\n+int b = " + p + ";\n"
            + "-- \n2.43.0\n";
        mail(out, author, subject, id, n > 1 ? cover : null, t, body);
        messages++;
        if (r.nextInt(4) == 0) {
          mail(out, "reviewer@example.org", "Re: " + subject, "r" + s + "." + p + "@traffic.test", id, t.plusSeconds(60),
              "> Step " + p + ".\n\nReviewed-by: Reviewer <reviewer@example.org>\n");
          messages++;
        }
      }
      t = t.plusSeconds(600);
    }
    return new Generated(out.toString(), messages, seriesCount);
  }

  private static void mail(StringBuilder out, String from, String subject, String id, String parent, Instant t, String body) {
    out.append("From ").append(from).append(" Mon Jan  1 00:00:00 2025\n")
        .append("From: ").append(from).append('\n')
        .append("To: list@lists.example.org\n")
        .append("List-Id: <traffic.lists.example.org>\n")
        .append("Subject: ").append(subject).append('\n')
        .append("Date: ").append(DATE.format(t)).append('\n')
        .append("Message-ID: <").append(id).append(">\n");
    if (parent != null) {
      out.append("In-Reply-To: <").append(parent).append(">\nReferences: <").append(parent).append(">\n");
    }
    out.append('\n').append(body).append('\n');
  }
}
