package dev.patchflow.testing;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.patchflow.intake.MboxReader;
import dev.patchflow.intake.RawMail;
import dev.patchflow.mail.MailParseException;
import dev.patchflow.mail.MailParser;
import dev.patchflow.mail.ParsedMail;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The shared test corpus (real list mail no one here wrote). Found through PATCHFLOW_CORPUS,
 * default ../shared/corpus; tests that need it are skipped, with that reason, where it is absent.
 */
public final class Corpus {
  private Corpus() {}

  public static Path root() {
    String env = System.getenv("PATCHFLOW_CORPUS");
    Path root = env != null && !env.isEmpty() ? Path.of(env) : Path.of("..", "shared", "corpus");
    assumeTrue(Files.isDirectory(root.resolve("mail")), "test corpus missing at " + root.toAbsolutePath()
        + " (set PATCHFLOW_CORPUS)");
    return root;
  }

  /** A file under corpus/mail/patchwork/, e.g. "series/base-cover-letter.mbox". */
  public static Path mail(String relative) {
    return root().resolve("mail").resolve("patchwork").resolve(relative);
  }

  public static List<RawMail> raw(Path mbox) {
    List<RawMail> out = new ArrayList<>();
    try (MboxReader r = new MboxReader(mbox)) {
      RawMail m;
      while ((m = r.next()) != null) {
        out.add(m);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out;
  }

  /** Every mail of an mbox, parsed; a parse failure fails the test. */
  public static List<ParsedMail> parsed(String relative) {
    List<ParsedMail> out = new ArrayList<>();
    for (RawMail m : raw(mail(relative))) {
      try {
        out.add(MailParser.parse(m.bytes()));
      } catch (MailParseException e) {
        throw new AssertionError(m.origin() + ": " + e.getMessage(), e);
      }
    }
    return out;
  }

  /** The only mail of a one-mail mbox. */
  public static ParsedMail one(String relative) {
    List<ParsedMail> all = parsed(relative);
    if (all.size() != 1) {
      throw new AssertionError(relative + " holds " + all.size() + " mails, expected 1");
    }
    return all.get(0);
  }
}
