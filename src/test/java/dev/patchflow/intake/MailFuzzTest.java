package dev.patchflow.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.patchflow.config.IntakeConfig;
import dev.patchflow.intake.MailMutations.Case;
import dev.patchflow.intake.MailMutations.Kind;
import dev.patchflow.intake.MailMutations.Mutation;
import dev.patchflow.intake.MailMutations.Seed;
import dev.patchflow.mail.MailParseException;
import dev.patchflow.mail.MailParser;
import dev.patchflow.mail.ParsedMail;
import dev.patchflow.store.Database;
import dev.patchflow.store.MessageRepository;
import dev.patchflow.store.QuarantineRepository;
import dev.patchflow.store.QuarantinedMail;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.lifecycle.AddLifecycleHook;
import net.jqwik.api.lifecycle.LifecycleContext;
import net.jqwik.api.lifecycle.SkipExecutionHook;
import net.jqwik.api.statistics.Statistics;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fuzzing with real list mail as seeds: 10,000 damaged mails (truncated, lines shuffled, headers
 * and MIME structure broken, bad charsets and encoded words, huge headers, odd line breaks) must
 * never make an exception escape the parser or the importer, and each one must end up either
 * stored or quarantined with a reason.
 *
 * <p>A failing case prints as "seed NAME, mutations [KIND#SALT, ...]"; {@code Case.of(that text,
 * seeds()).mail()} rebuilds its bytes from the seed and the mutations.
 */
class MailFuzzTest {
  static final int MAILS = 10_000;

  // ------------------------------------------------------------------ seeds

  private static List<Seed> seeds;

  /** The corpus's patchwork mail: $PATCHFLOW_CORPUS/mail/patchwork, default ../shared/corpus. */
  static Path patchworkMail() {
    String env = System.getenv("PATCHFLOW_CORPUS");
    Path corpus = env != null && !env.isEmpty() ? Path.of(env) : Path.of("..", "shared", "corpus");
    return corpus.resolve("mail").resolve("patchwork");
  }

  static String corpusMissing() {
    return "corpus missing at " + patchworkMail().toAbsolutePath() + " (set PATCHFLOW_CORPUS)";
  }

  /** The patchwork mail of the shared corpus, one seed per mail; skips the test if absent. */
  static synchronized List<Seed> seeds() {
    if (seeds == null) {
      Path patchwork = patchworkMail();
      assumeTrue(Files.isDirectory(patchwork), corpusMissing());
      List<Seed> out = new ArrayList<>();
      for (String dir : List.of("mail", "series", "fuzz")) {
        Path d = patchwork.resolve(dir);
        if (!Files.isDirectory(d)) {
          continue;
        }
        try (Stream<Path> files = Files.list(d)) {
          for (Path mbox : files.filter(p -> p.getFileName().toString().endsWith(".mbox")).sorted().toList()) {
            try (MboxReader reader = new MboxReader(mbox)) {
              RawMail m;
              int n = 0;
              while ((m = reader.next()) != null) {
                out.add(new Seed(dir + "/" + mbox.getFileName() + "#" + n++, m.bytes()));
              }
            }
          }
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }
      assertThat(out).as("seed mails under %s", patchwork).hasSizeGreaterThan(20);
      seeds = List.copyOf(out);
    }
    return seeds;
  }

  // ------------------------------------------------------------------ 1. the parser

  /** jqwik's way to skip a property (an assumption failing before the tries is an error there). */
  public static final class CorpusRequired implements SkipExecutionHook {
    @Override
    public SkipResult shouldBeSkipped(LifecycleContext context) {
      return Files.isDirectory(patchworkMail()) ? SkipResult.doNotSkip() : SkipResult.skip(corpusMissing());
    }
  }

  @Provide
  Arbitrary<Case> mutatedMails() {
    List<Seed> all = seeds();
    Arbitrary<Kind> kinds = Arbitraries.frequency(
        Arrays.stream(Kind.values()).map(k -> Tuple.of(k.weight, k)).toList());
    Arbitrary<Mutation> mutation = Combinators.combine(kinds, Arbitraries.longs()).as(Mutation::new);
    return Combinators.combine(Arbitraries.integers().between(0, all.size() - 1), mutation.list().ofMinSize(1).ofMaxSize(4))
        .as((i, ms) -> new Case(all.get(i), ms));
  }

  @Property(tries = MAILS, seed = "20250601")
  @AddLifecycleHook(CorpusRequired.class)
  void parserReturnsAMailOrSaysWhyNot(@ForAll("mutatedMails") Case c) {
    byte[] raw = c.mail();
    Outcome o = parse(raw);
    if (o.bug() != null) {
      throw new AssertionError("MailParser.parse threw " + o.bug() + " (not a MailParseException) for " + c
          + " (" + raw.length + " bytes)", o.bug());
    }
    if (o.mail() != null) {
      ParsedMail m = o.mail();
      assertThat(m.messageId()).as("messageId of %s", c).isNotBlank();
      assertThat(m.messageId().length()).as("messageId length (msgid column is VARCHAR(512)) of %s", c)
          .isLessThanOrEqualTo(512);
      assertThat(m.subject()).as("subject of %s", c).isNotNull();
      assertThat(m.from()).as("from of %s", c).isNotNull();
      assertThat(m.kind()).as("kind of %s", c).isNotNull();
      Statistics.label("outcome").collect("parsed");
    } else {
      assertThat(o.reason()).as("MailParseException message for %s", c).isNotBlank();
      Statistics.label("outcome").collect("rejected");
    }
    Statistics.label("outcome").coverage(cov -> {
      // Both paths must be exercised, or the fuzzing is not doing its job.
      cov.check("parsed").percentage(p -> p > 30.0);
      cov.check("rejected").percentage(p -> p > 1.0);
    });
  }

  @Test
  void aFailureMessageIsEnoughToRebuildTheMail() {
    List<Seed> all = seeds();
    Random r = new Random(99);
    for (int i = 0; i < 200; i++) {
      Case c = MailMutations.randomCase(all, r);
      byte[] mail = c.mail();
      assertThat(c.mail()).as("%s built twice", c).isEqualTo(mail);
      assertThat(Case.of("... for " + c + " (" + mail.length + " bytes)", all).mail()).as("%s rebuilt", c)
          .isEqualTo(mail);
    }
  }

  /** What the parser made of some bytes: a mail, a reason, or a bug (any other throwable). */
  record Outcome(ParsedMail mail, String reason, Throwable bug) {}

  static Outcome parse(byte[] raw) {
    try {
      ParsedMail m = MailParser.parse(raw);
      if (m == null) {
        return new Outcome(null, null, new NullPointerException("MailParser.parse returned null"));
      }
      return new Outcome(m, null, null);
    } catch (MailParseException e) {
      return new Outcome(null, e.getMessage(), null);
    } catch (RuntimeException | StackOverflowError | OutOfMemoryError e) {
      return new Outcome(null, null, e);
    }
  }

  // ------------------------------------------------------------------ 2. the importer

  @TempDir Path tmp;

  /**
   * Where one mail of the store test should end up, by the parser's own verdict: the
   * Message-ID it parsed to, or the reason it was rejected, or the parser bug it hit.
   */
  private record Expected(String origin, String sha256, String messageId, String reason, Throwable bug) {}

  /**
   * The 10,000 cases of the store test, generated lazily from Random(1234) (the same sequence
   * every run). Each mail is also parsed on a thread of the test's own, as it is handed over,
   * to know where it belongs.
   */
  private static final class GeneratedSource implements MailSource {
    private final List<Seed> seeds;
    private final Random random = new Random(1234);
    private final ExecutorService checker;
    private final List<Future<Expected>> expected = new ArrayList<>(MAILS);
    private boolean closed;

    GeneratedSource(List<Seed> seeds, ExecutorService checker) {
      this.seeds = seeds;
      this.checker = checker;
    }

    @Override
    public RawMail next() {
      if (expected.size() >= MAILS) {
        return null;
      }
      Case c = MailMutations.randomCase(seeds, random);
      RawMail raw = new RawMail(c.mail(), "fuzz:" + expected.size() + ": " + c);
      expected.add(checker.submit(() -> {
        Outcome o = parse(raw.bytes());
        // Keep only what the checks need, not the mail itself.
        return new Expected(raw.origin(), Importer.sha256(raw.bytes()),
            o.mail() == null ? null : o.mail().messageId(), o.reason(), o.bug());
      }));
      return raw;
    }

    List<Expected> expected() throws Exception {
      List<Expected> out = new ArrayList<>(expected.size());
      for (Future<Expected> f : expected) {
        out.add(f.get());
      }
      return out;
    }

    @Override
    public long position() {
      return expected.size();
    }

    @Override
    public long size() {
      return MAILS;
    }

    @Override
    public void close() {
      closed = true;
    }
  }

  static List<String> databases() {
    return dev.patchflow.testing.TestDatabases.kinds();
  }

  @org.junit.jupiter.params.ParameterizedTest
  @org.junit.jupiter.params.provider.MethodSource("databases")
  void everyMutatedMailIsStoredOrQuarantinedWithAReason(String kind) throws Exception {
    ExecutorService checker = Executors.newSingleThreadExecutor();
    GeneratedSource source = new GeneratedSource(seeds(), checker);
    try (Database db = dev.patchflow.testing.TestDatabases.open(kind, tmp)) {
      Importer importer = new Importer(db, new ProjectRouter(List.of(), IntakeConfig.Unmatched.AUTO), 500,
          Clock.systemUTC());
      ImportSummary summary = importer.importAll(List.of(source), ImportProgress.NONE);

      assertThat(source.closed).as("source closed").isTrue();
      assertThat(summary.read()).isEqualTo(MAILS);
      assertThat(summary.stored() + summary.duplicates() + summary.quarantined())
          .as("stored + duplicates + quarantined of %s", summary.describe()).isEqualTo(summary.read());

      List<QuarantinedMail> rows = db.jdbi().withHandle(new QuarantineRepository()::list);
      long messageRows = db.jdbi().withHandle(new MessageRepository()::count);
      Set<String> storedIds = new HashSet<>(db.jdbi().withHandle(h ->
          h.createQuery("SELECT msgid FROM message").mapTo(String.class).list()));
      Map<String, String> reasonBySha = new HashMap<>();
      Map<String, String> originBySha = new HashMap<>();
      db.jdbi().useHandle(h -> h.createQuery("SELECT raw_sha256, reason, origin FROM quarantine")
          .map((rs, ctx) -> new String[] {rs.getString(1), rs.getString(2), rs.getString(3)})
          .forEach(a -> {
            reasonBySha.put(a[0], a[1]);
            originBySha.put(a[0], a[2]);
          }));

      assertThat(rows).as("quarantine rows").hasSize((int) summary.quarantined());
      assertThat(rows).allSatisfy(q -> {
        assertThat(q.reason()).as("reason of quarantined %s", q.origin()).isNotBlank();
        assertThat(q.origin()).as("origin of quarantined mail %d", q.id()).startsWith("fuzz:");
      });
      assertThat(messageRows).as("message rows").isEqualTo(summary.stored());

      // Where did each of the 10,000 mails go?
      Set<String> expectedIds = new HashSet<>();
      Map<String, String> expectedQuarantine = new HashMap<>(); // sha -> origin of its first copy
      List<String> lost = new ArrayList<>();
      List<String> wrongReason = new ArrayList<>();
      List<String> parserBugs = new ArrayList<>();
      List<Expected> expected = source.expected();
      assertThat(expected).hasSize(MAILS);
      for (Expected e : expected) {
        if (e.messageId() != null) {
          String id = e.messageId();
          expectedIds.add(id);
          if (!storedIds.contains(id)) {
            lost.add(e.origin() + ": parsed as <" + abbreviate(id) + "> but no such message is stored");
          }
          continue;
        }
        expectedQuarantine.putIfAbsent(e.sha256(), e.origin());
        if (e.bug() != null) {
          parserBugs.add(e.origin() + ": " + stackTrace(e.bug()));
        }
        String reason = reasonBySha.get(e.sha256());
        if (reason == null) {
          lost.add(e.origin() + ": rejected (" + (e.bug() != null ? e.bug() : e.reason()) + ") but not in quarantine");
        } else if (e.reason() != null && !reason.equals(e.reason())) {
          wrongReason.add(e.origin() + ": quarantined as '" + reason + "', the parser says '" + e.reason() + "'");
        }
      }
      assertThat(parserBugs).as("mails on which the parser threw something other than MailParseException")
          .isEmpty();
      assertThat(lost).as("mails neither stored nor quarantined").isEmpty();
      assertThat(wrongReason).as("quarantine reasons that differ from the parser's").isEmpty();
      assertThat(summary.stored()).as("stored = distinct Message-IDs parsed").isEqualTo(expectedIds.size());
      assertThat(summary.quarantined()).as("quarantined = distinct rejected byte strings")
          .isEqualTo(expectedQuarantine.size());
      assertThat(originBySha).as("each quarantined byte string is kept once, with the origin of its first copy")
          .isEqualTo(expectedQuarantine);
      assertThat(summary.duplicates()).isEqualTo(MAILS - expectedIds.size() - expectedQuarantine.size());
      // The fuzzing must reach both outcomes to prove anything.
      assertThat(summary.stored()).as("stored").isGreaterThan(MAILS / 10);
      assertThat(summary.quarantined()).as("quarantined").isGreaterThan(MAILS / 100);
    } finally {
      checker.shutdownNow();
    }
  }

  private static String abbreviate(String s) {
    return s.length() <= 120 ? s : s.substring(0, 120) + "...(" + s.length() + " chars)";
  }

  private static String stackTrace(Throwable t) {
    StringWriter w = new StringWriter();
    t.printStackTrace(new PrintWriter(w));
    return w.toString();
  }
}
