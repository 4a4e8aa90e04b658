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

  /** A Photon kernel packaging tree under corpus/spec/photon/, e.g. "5.0-linux-6.1". */
  public static Path photon(String tree) {
    Path dir = root().resolve("spec").resolve("photon").resolve(tree);
    assumeTrue(Files.isDirectory(dir), "Photon spec tree missing at " + dir.toAbsolutePath());
    return dir;
  }

  /** A copy of a Photon tree in dir, for tests that change it (the corpus itself stays as it is). */
  public static Path copyPhoton(String tree, Path dir) {
    Path from = photon(tree);
    Path to = dir.resolve(tree);
    try (var walk = Files.walk(from)) {
      for (Path p : (Iterable<Path>) walk::iterator) {
        Path target = to.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(target);
        } else {
          Files.copy(p, target);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return to;
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
