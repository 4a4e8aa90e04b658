package dev.patchflow.series;

import static org.assertj.core.api.Assertions.assertThat;

import dev.patchflow.mail.MailParser;
import dev.patchflow.mail.ParsedMail;
import dev.patchflow.testing.Corpus;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Threading on the corpus series mboxes. Each file is threaded on its own (they reuse each
 * other's Message-IDs); the expectations come from reading the mails' subjects and headers.
 */
class SeriesAssemblerCorpusTest {

  private static List<Integer> numbers(Series s) {
    return s.patches().stream().map(SeriesPatch::number).toList();
  }

  @Test
  void coverLetterWithTwoPatches() {
    for (String f : List.of("series/base-cover-letter.mbox", "series/base-deep-threaded.mbox",
        "series/base-out-of-order.mbox", "series/mercurial-cover-letter.mbox")) {
      List<Series> all = Threads.of(f);
      assertThat(all).as(f).singleElement().satisfies(s -> {
        assertThat(s.coverId()).isNotNull();
        assertThat(numbers(s)).containsExactly(1, 2);
        assertThat(s.total()).isEqualTo(2);
        assertThat(s.complete()).isTrue();
      });
    }
  }

  @Test
  void seriesWithoutCoverLetter() {
    for (String f : List.of("series/base-no-cover-letter.mbox", "series/mercurial-no-cover-letter.mbox")) {
      assertThat(Threads.of(f)).as(f).singleElement().satisfies(s -> {
        assertThat(s.coverId()).isNull();
        assertThat(numbers(s)).containsExactly(1, 2);
        assertThat(s.complete()).isTrue();
        assertThat(s.anchor()).isEqualTo(s.patches().get(0).messageId());
      });
    }
  }

  @Test
  void noReferencesAtAllJoinedBySenderAndTime() {
    assertThat(Threads.of("series/base-no-references.mbox")).singleElement()
        .satisfies(s -> assertThat(numbers(s)).containsExactly(1, 2));
    assertThat(Threads.of("series/base-no-references-no-cover.mbox")).singleElement()
        .satisfies(s -> assertThat(s.complete()).isTrue());
  }

  @Test
  void incompleteSeriesIsKeptAndShownIncomplete() {
    Series s = Threads.of("series/base-incomplete.mbox").get(0);
    assertThat(s.received()).isEqualTo(1);
    assertThat(s.total()).isEqualTo(2);
    assertThat(s.complete()).isFalse();
  }

  @Test
  void extraPatchBeyondTheTotalStaysInTheSeries() {
    Series s = Threads.of("series/base-extra-patches.mbox").get(0);
    assertThat(numbers(s)).containsExactly(1, 2, 3);
    assertThat(s.complete()).isTrue();
  }

  @Test
  void versionOnlyInTheCoverLetterCoversItsPatches() {
    assertThat(Threads.of("series/base-different-versions.mbox")).singleElement().satisfies(s -> {
      assertThat(s.version()).isEqualTo(3);
      assertThat(numbers(s)).containsExactly(1, 2, 3, 4);
    });
  }

  @Test
  void aNewVersionSentInReplyToTheOldOneIsItsOwnSeries() {
    for (String f : List.of("series/revision-basic.mbox", "series/revision-out-of-order.mbox",
        "series/revision-threaded-to-cover.mbox", "series/revision-threaded-to-patch.mbox")) {
      List<Series> all = Threads.of(f);
      assertThat(all).as(f).hasSize(2);
      Series v1 = all.stream().filter(s -> s.version() == 1).findFirst().orElseThrow();
      Series v2 = all.stream().filter(s -> s.version() == 2).findFirst().orElseThrow();
      assertThat(numbers(v1)).as(f).containsExactly(1, 2);
      assertThat(numbers(v2)).as(f).containsExactly(1, 2);
      assertThat(v1.nextVersion()).as(f).isEqualTo(v2.anchor());
      assertThat(v2.previousVersion()).as(f).isEqualTo(v1.anchor());
      assertThat(v1.superseded()).isTrue();
      assertThat(v2.superseded()).isFalse();
    }
  }

  @Test
  void v2WithoutACoverLetterStillFindsV1() {
    List<Series> all = Threads.of("series/revision-no-cover-letter.mbox");
    Series v1 = all.stream().filter(s -> s.version() == 1).findFirst().orElseThrow();
    Series v2 = all.stream().filter(s -> s.version() == 2).findFirst().orElseThrow();
    assertThat(v1.coverId()).isNotNull();
    assertThat(v2.coverId()).isNull();
    assertThat(v2.previousVersion()).isEqualTo(v1.anchor());
  }

  @Test
  void singlePatchRevisions() {
    List<Series> all = Threads.of("series/revision-threaded-to-single-patch.mbox");
    assertThat(all).hasSize(2).allSatisfy(s -> assertThat(s.patches()).hasSize(1));
    assertThat(all).filteredOn(s -> s.version() == 2).singleElement()
        .satisfies(s -> assertThat(s.previousVersion()).isNotNull());
  }

  @Test
  void resendsOfTheSameVersionAreSeparateAndLinked() {
    for (String f : List.of("series/revision-unlabeled.mbox", "series/revision-unlabeled-noreferences.mbox",
        "series/bugs-nocover-noversion.mbox")) {
      List<Series> all = Threads.of(f);
      assertThat(all).as(f).hasSize(2).allSatisfy(s -> assertThat(numbers(s)).containsExactly(1, 2));
      assertThat(all.get(0).nextVersion()).as(f).isEqualTo(all.get(1).anchor());
    }
  }

  @Test
  void v2PatchesReplyingToV1PatchesDoNotJoinV1() {
    List<Series> all = Threads.of("series/bugs-nocover.mbox");
    assertThat(all).extracting(Series::version).containsExactlyInAnyOrder(1, 2);
    assertThat(all).allSatisfy(s -> assertThat(numbers(s)).containsExactly(1, 2));
  }

  @Test
  void mixedVersionsWithMissingParents() {
    List<Series> all = Threads.of("series/bugs-mixed-versions.mbox");
    assertThat(all).hasSize(2).allSatisfy(s -> assertThat(s.complete()).isFalse());
    assertThat(all).extracting(Series::version).containsExactlyInAnyOrder(1, 2);
  }

  @Test
  void theSamePatchSentThreeTimesMakesThreeLinkedSeries() {
    List<Series> all = Threads.of("series/bugs-spamming.mbox");
    assertThat(all).hasSize(3);
    assertThat(all.stream().filter(Series::superseded).count()).isEqualTo(2);
  }

  @Test
  void unnumberedPatchInANumberedThreadIsItsOwnSeries() {
    List<Series> all = Threads.of("series/bugs-unnumbered.mbox");
    assertThat(all).hasSize(2);
    assertThat(all).filteredOn(s -> s.coverId() != null).singleElement()
        .satisfies(s -> assertThat(numbers(s)).containsExactly(1));
    assertThat(all).filteredOn(s -> s.coverId() == null).singleElement()
        .satisfies(s -> assertThat(s.name()).isEqualTo("This is an orphaned patch!"));
  }

  @Test
  void brokenHeadersStillThread() {
    assertThat(Threads.of("series/bugs-multiple-references.mbox")).singleElement().satisfies(s -> {
      assertThat(numbers(s)).containsExactly(1, 2, 3, 4);
      assertThat(s.version()).isEqualTo(2);
    });
  }

  @Test
  void aReplysReviewTrailerCountsForThePatchItAnswers() {
    Series s = Threads.of("series/bugs-multiple-content-types.mbox").get(0);
    assertThat(s.replies()).hasSize(1);
    // The reply quotes the patch's Signed-off-by ("> Signed-off-by") and adds an Acked-by.
    assertThat(s.patches().get(0).trailers()).extracting(t -> t.trailer().toString()).containsExactly(
        "Signed-off-by: YueHaibing <yuehaibing@huawei.com>", "Acked-by: Björn Töpel <bjorn.topel@intel.com>");
    assertThat(s.patches().get(0).trailers().get(1).messageId()).isEqualTo(s.replies().get(0).messageId());
  }

  @Test
  void dependsOnInTheCoverLetterIsASeriesTrailer() throws Exception {
    String template = Files.readString(Corpus.mail("series/dependency-one-cover.mbox.template"));
    String mbox = template.replace("{depends_token}", "<20240610210912.161735-1-ahassick@iol.unh.edu>")
        .replace("{{", "{").replace("}}", "}");
    List<ParsedMail> mails = new ArrayList<>();
    for (String one : mbox.split("(?m)^(?=From [^\\n]*\\d{4}\\s*$)")) {
      if (!one.isBlank()) {
        mails.add(MailParser.parse(one.getBytes(StandardCharsets.UTF_8)));
      }
    }
    Series s = SeriesAssembler.assemble(Threads.messages(mails)).get(0);
    assertThat(s.seriesTrailers()).extracting(t -> t.trailer().toString())
        .contains("Depends-on: <20240610210912.161735-1-ahassick@iol.unh.edu>");
  }

  @Test
  void arrivalOrderDoesNotChangeTheResult() {
    List<ParsedMail> mails = new ArrayList<>();
    for (String f : List.of("series/revision-threaded-to-patch.mbox", "series/base-incomplete.mbox")) {
      mails.addAll(Corpus.parsed(f).stream().filter(m -> !mails.stream()
          .anyMatch(o -> o.messageId().equals(m.messageId()))).toList());
    }
    String expected = Threads.describe(SeriesAssembler.assemble(Threads.messages(mails)));
    Random random = new Random(7);
    for (int i = 0; i < 20; i++) {
      List<ParsedMail> shuffled = new ArrayList<>(mails);
      Collections.shuffle(shuffled, random);
      assertThat(Threads.describe(SeriesAssembler.assemble(Threads.messages(shuffled))))
          .isEqualTo(expected);
    }
  }

  @Test
  void lateAndDuplicateArrivals() {
    List<ParsedMail> mails = Corpus.parsed("series/base-cover-letter.mbox");
    List<Series> partial = SeriesAssembler.assemble(Threads.messages(mails.subList(0, 2)));
    assertThat(partial).singleElement().satisfies(s -> assertThat(s.complete()).isFalse());
    List<ParsedMail> twice = new ArrayList<>(mails);
    twice.add(mails.get(1));
    assertThat(SeriesAssembler.assemble(Threads.messages(twice))).singleElement().satisfies(s -> {
      assertThat(s.complete()).isTrue();
      assertThat(s.patches()).hasSize(2);
      assertThat(s.anchor()).isEqualTo(partial.get(0).anchor());
    });
  }
}
