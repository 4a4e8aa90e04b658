package dev.patchflow.bench;

import dev.patchflow.intake.MboxReader;
import dev.patchflow.intake.RawMail;
import dev.patchflow.mail.MailParseException;
import dev.patchflow.mail.MailParser;
import dev.patchflow.mail.ParsedMail;
import java.io.IOException;
import java.nio.file.Path;

/** Passes over the mbox without a database: reading alone, and reading plus parsing. */
final class ParseBench {
  /** One pass: how many messages, how many did not parse, how long it took. */
  record Pass(long messages, long failures, long nanos) {
    double perSecond() {
      return messages / (nanos / 1e9);
    }
  }

  // Results land here so the JIT cannot drop the work as unused.
  static volatile long sink;

  private ParseBench() {}

  static Pass read(Path mbox) throws IOException {
    long t0 = System.nanoTime();
    long n = 0;
    long bytes = 0;
    try (MboxReader reader = new MboxReader(mbox)) {
      RawMail raw;
      while ((raw = reader.next()) != null) {
        n++;
        bytes += raw.bytes().length;
      }
    }
    sink = bytes;
    return new Pass(n, 0, System.nanoTime() - t0);
  }

  static Pass parse(Path mbox) throws IOException {
    long t0 = System.nanoTime();
    long n = 0;
    long failures = 0;
    long hash = 0;
    try (MboxReader reader = new MboxReader(mbox)) {
      RawMail raw;
      while ((raw = reader.next()) != null) {
        n++;
        try {
          ParsedMail m = MailParser.parse(raw.bytes());
          hash += m.messageId().hashCode();
        } catch (MailParseException e) {
          if (failures++ == 0) {
            System.err.println("bench: " + raw.origin() + " does not parse: " + e.getMessage());
          }
        }
      }
    }
    sink = hash;
    return new Pass(n, failures, System.nanoTime() - t0);
  }
}
