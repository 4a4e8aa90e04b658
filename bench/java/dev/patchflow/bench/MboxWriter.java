package dev.patchflow.bench;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashSet;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Writes the mbox in date order, as a list archive would have it: mails are held back until
 * {@link #flushBefore} says nothing earlier can come any more (replies and v2s are made long
 * before they are "sent"). Refuses a Message-ID it has already written.
 */
final class MboxWriter implements AutoCloseable {
  private static final Pattern NEEDS_ESCAPE = Pattern.compile("^>*From ");

  private record Pending(Instant date, long seq, PatchMail mail) {}

  private final PriorityQueue<Pending> queue =
      new PriorityQueue<>(Comparator.comparing(Pending::date).thenComparingLong(Pending::seq));
  private final Set<String> ids = new HashSet<>();
  private final Writer out;
  private long seq;
  private long written;

  MboxWriter(Path file) throws IOException {
    this.out = new BufferedWriter(Files.newBufferedWriter(file, StandardCharsets.UTF_8), 1 << 16);
  }

  void add(PatchMail mail) {
    if (!ids.add(mail.messageId())) {
      throw new IllegalStateException("duplicate Message-ID in the corpus: " + mail.messageId());
    }
    queue.add(new Pending(mail.date(), seq++, mail));
  }

  void flushBefore(Instant t) throws IOException {
    while (!queue.isEmpty() && queue.peek().date().isBefore(t)) {
      write(queue.poll().mail());
    }
  }

  long written() {
    return written;
  }

  /** mboxrd: a body line starting with "From " (or an escaped one) gets one more '>'. */
  private void write(PatchMail mail) throws IOException {
    String[] lines = mail.text().stripTrailing().split("\n", -1);
    out.write(lines[0]);
    out.write('\n');
    for (int i = 1; i < lines.length; i++) {
      if (lines[i].startsWith("From ") || (lines[i].startsWith(">") && NEEDS_ESCAPE.matcher(lines[i]).find())) {
        out.write('>');
      }
      out.write(lines[i]);
      out.write('\n');
    }
    out.write('\n');
    written++;
  }

  @Override
  public void close() throws IOException {
    try {
      flushBefore(Instant.MAX);
    } finally {
      out.close();
    }
  }
}
