package dev.patchflow.mail;

import static org.assertj.core.api.Assertions.assertThat;

import dev.patchflow.intake.RawMail;
import dev.patchflow.testing.Corpus;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The parser on real list mail from corpus/mail/patchwork; expectations read off each mail. */
class MailParserCorpusTest {

  @Test
  void everyCorpusMailParsesOrIsRefusedWithAReason() throws IOException {
    Path root = Corpus.mail("");
    int mails = 0;
    int parsed = 0;
    try (Stream<Path> files = Files.walk(root)) {
      for (Path f : files.filter(Files::isRegularFile).sorted().toList()) {
        for (RawMail raw : Corpus.raw(f)) {
          mails++;
          try {
            ParsedMail m = MailParser.parse(raw.bytes());
            assertThat(m.messageId()).as(raw.origin()).isNotBlank();
            assertThat(m.kind()).as(raw.origin()).isNotNull();
            parsed++;
          } catch (MailParseException e) {
            // only the two bare patch files (no mail headers at all) may be refused
            assertThat(raw.origin()).contains("/patches/");
            assertThat(e.getMessage()).contains("header");
          }
        }
      }
    }
    assertThat(mails).isGreaterThan(150);
    assertThat(parsed).isEqualTo(mails - 2);
  }

  @Test
  void pullRequestsInEveryForm() {
    ParsedMail plain = Corpus.one("mail/0001-git-pull-request.mbox");
    assertThat(plain.kind()).isEqualTo(MailKind.PULL_REQUEST);
    assertThat(plain.pullRequest().pullUrl())
        .isEqualTo("git://git.kernel.org/pub/scm/linux/kernel/git/benh/powerpc.git next");
    assertThat(plain.pullRequest().baseCommit()).matches("[0-9a-f]{40}");
    assertThat(plain.diff()).isNull();

    ParsedMail wrapped = Corpus.one("mail/0002-git-pull-request-wrapped.mbox");
    assertThat(wrapped.kind()).isEqualTo(MailKind.PULL_REQUEST);
    assertThat(wrapped.pullRequest().baseCommit()).isEqualTo("e10117d36ef758da0690c95ecffc09d5dd7da479");

    ParsedMail withDiff = Corpus.one("mail/0003-git-pull-request-with-diff.mbox");
    assertThat(withDiff.kind()).isEqualTo(MailKind.PULL_REQUEST);
    assertThat(withDiff.diff()).isNotNull();
    assertThat(withDiff.diff().files()).extracting(FileChange::path)
        .contains("arch/x86/include/asm/smp.h", "arch/x86/kernel/acpi/sleep.c", "arch/x86/kernel/cpu/mtrr/main.c");

    assertThat(Corpus.one("mail/0004-git-pull-request-git+ssh.mbox").pullRequest().url())
        .startsWith("git+ssh://");
    assertThat(Corpus.one("mail/0005-git-pull-request-ssh.mbox").pullRequest().url()).startsWith("ssh://");
    assertThat(Corpus.one("mail/0006-git-pull-request-http.mbox").pullRequest().url()).startsWith("http://");

    ParsedMail git214 = Corpus.one("mail/0017-git-pull-request-git-2-14-3.mbox");
    assertThat(git214.pullRequest().pullUrl())
        .isEqualTo("git://git.kernel.org/pub/scm/linux/kernel/git/davem/net");
    assertThat(git214.pullRequest().headCommit()).isEqualTo("ccc12b11c5332c84442ef120dcd631523be75089");

    ParsedMail newline = Corpus.one("mail/0023-git-pull-request-newline-in-url.mbox");
    assertThat(newline.pullRequest().url())
        .isEqualTo("https://git.kernel.org/pub/scm/linux/kernel/git/matthias.bgg/linux.git/");
    assertThat(newline.pullRequest().branch()).isEqualTo("tags/v5.4-next-soc");

    ParsedMail trailing = Corpus.one("mail/0024-git-pull-request-trailing-space.mbox");
    assertThat(trailing.pullRequest().pullUrl()).isEqualTo(
        "git://git.kernel.org/pub/scm/linux/kernel/git/nsekhar/linux-davinci.git tags/davinci-for-v5.6/soc");
  }

  @Test
  void cvsDiffInAnAttachment() {
    ParsedMail m = Corpus.one("mail/0007-cvs-format-diff.mbox");
    assertThat(m.kind()).isEqualTo(MailKind.PATCH);
    assertThat(m.diff().files()).extracting(FileChange::path)
        .containsExactly("bfd/elf-bfd.h", "bfd/elflink.c", "bfd/elfxx-mips.c");
    assertThat(m.diff().added()).isPositive();
    assertThat(m.content()).doesNotContain("Index: bfd/elf-bfd.h");
  }

  @Test
  void renameOnlyPatchAndRenameWithoutHeaders() {
    for (String f : List.of("mail/0008-git-rename.mbox", "mail/0009-git-rename-with-diff.mbox")) {
      ParsedMail m = Corpus.one(f);
      assertThat(m.kind()).as(f).isEqualTo(MailKind.PATCH);
      assertThat(m.diff().files()).as(f).hasSize(2).allMatch(c -> c.status() == FileChange.Status.RENAMED);
      assertThat(m.diff().files().get(0).oldPath()).isEqualTo("package/rpi-userland/rpi-userland-add-pkgconfig-files.patch");
      assertThat(m.diff().files().get(0).newPath()).isEqualTo("package/rpi-userland/rpi-userland-000-add-pkgconfig-files.patch");
      assertThat(m.syntheticId()).as(f + " has no Message-Id").isTrue();
      assertThat(m.subject().number()).isEqualTo(1);
      assertThat(m.subject().total()).isEqualTo(11);
      assertThat(m.subject().prefixes()).contains("Buildroot");
    }
    // 0009 also edits the first renamed file: a different change, a different hash.
    ParsedMail withDiff = Corpus.one("mail/0009-git-rename-with-diff.mbox");
    assertThat(withDiff.diff().files().get(0).added()).isEqualTo(1);
    assertThat(withDiff.diff().files().get(0).removed()).isEqualTo(1);
    assertThat(Corpus.one("mail/0008-git-rename.mbox").diff().hash()).isNotEqualTo(withDiff.diff().hash());
  }

  @Test
  void invalidCharsetIsDecodedBestEffort() {
    ParsedMail m = Corpus.one("mail/0010-invalid-charset.mbox");
    assertThat(m.kind()).isEqualTo(MailKind.PATCH);
    assertThat(m.diff().files()).extracting(FileChange::path).contains("sysdeps/x86_64/fpu/multiarch/e_pow.c");
    assertThat(m.subject().name()).isEqualTo("Fix pow overflow in non-default rounding modes (bug 16315)");
  }

  @Test
  void noNewlineAtEndOfFileAndSymlinks() {
    ParsedMail m = Corpus.one("mail/0011-no-newline-at-end-of-file.mbox");
    assertThat(m.kind()).isEqualTo(MailKind.PATCH);
    assertThat(m.diff().text()).contains("\\ No newline at end of file");
    assertThat(m.diff().files()).extracting(FileChange::path).contains("tools/testing/selftests/powerpc/vphn/vphn.h");
    assertThat(m.diff().files()).filteredOn(f -> f.path().endsWith("vphn.h"))
        .allMatch(f -> f.status() == FileChange.Status.ADDED && f.added() == 1);
    assertThat(m.subject().version()).isEqualTo(3);
    assertThat(m.subject().number()).isEqualTo(5);
  }

  @Test
  void headersWithRawAndEncodedUtf8() {
    ParsedMail encoded = Corpus.one("mail/0013-with-utf8-body.mbox");
    assertThat(encoded.from().name()).isEqualTo("Rafał Miłecki");
    assertThat(encoded.from().email()).isEqualTo("zajec5@gmail.com");
    assertThat(encoded.trailers()).containsExactly(new Trailer("Signed-off-by", "Rafał Miłecki <zajec5@gmail.com>"));
    ParsedMail raw = Corpus.one("mail/0014-with-unencoded-utf8-headers.mbox");
    assertThat(raw.from().name()).isEqualTo("Rafał Miłecki");
    assertThat(raw.subject().name()).endsWith("to include Rafał Miłecki");
    ParsedMail invalid = Corpus.one("mail/0015-with-invalid-utf8-headers.mbox");
    assertThat(invalid.from().email()).isEqualTo("zajec5@gmail.com");
    assertThat(invalid.kind()).isEqualTo(MailKind.PATCH);
  }

  @Test
  void invalidHeaderCharacterAndMissingSubject() {
    ParsedMail dpdk = Corpus.one("mail/0012-invalid-header-char.mbox");
    assertThat(dpdk.messageId()).isEqualTo("1473941204-14587-1-git-send-email-ferruh.yigit@intel.com");
    assertThat(dpdk.subject().prefixes()).containsExactly("dpdk-dev");
    assertThat(dpdk.kind()).isEqualTo(MailKind.PATCH);
    ParsedMail noSubject = Corpus.one("mail/0016-no-subject.mbox");
    assertThat(noSubject.subject().name()).isEmpty();
    assertThat(noSubject.messageId()).isEqualTo("ABC@DEF");
    assertThat(noSubject.kind()).isEqualTo(MailKind.PATCH);
  }

  @Test
  void multipartAlternativeUsesThePlainText() {
    ParsedMail patch = Corpus.one("mail/0019-multipart-patch.mbox");
    assertThat(patch.kind()).isEqualTo(MailKind.PATCH);
    assertThat(patch.diff().files()).extracting(FileChange::path).containsExactly("patchwork/parser.py");
    assertThat(patch.content()).doesNotContain("<div");
    assertThat(patch.trailers()).extracting(Trailer::key).containsExactly("Signed-off-by");
    ParsedMail comment = Corpus.one("mail/0020-multipart-comment.mbox");
    assertThat(comment.kind()).isEqualTo(MailKind.COMMENT);
    assertThat(comment.content()).doesNotContain("<meta");
    assertThat(comment.inReplyTo()).isNotNull();
  }

  @Test
  void emptyNewFileModeChangeAndBinaries() {
    ParsedMail empty = Corpus.one("mail/0021-git-empty-new-file.mbox");
    assertThat(empty.kind()).isEqualTo(MailKind.PATCH);
    assertThat(empty.diff().files()).singleElement()
        .satisfies(f -> assertThat(f.status()).isEqualTo(FileChange.Status.ADDED))
        .satisfies(f -> assertThat(f.path()).isEqualTo("banana"));
    assertThat(empty.diff().text()).doesNotContain("snowpatch mailing list");

    ParsedMail mode = Corpus.one("mail/0022-git-mode-change.mbox");
    assertThat(mode.diff().files()).singleElement()
        .satisfies(f -> assertThat(f.status()).isEqualTo(FileChange.Status.MODE_CHANGED));

    ParsedMail binary = Corpus.one("mail/0025-git-add-binary-file.mbox");
    assertThat(binary.diff().files()).singleElement()
        .satisfies(f -> assertThat(f.binary()).isTrue())
        .satisfies(f -> assertThat(f.path()).isEqualTo("pixel.bmp"));
    assertThat(binary.diff().text()).contains("literal 142").doesNotContain("2.35.3");

    ParsedMail mixed = Corpus.one("mail/0026-git-add-mixed-binary-text-files.mbox");
    assertThat(mixed.diff().files()).extracting(FileChange::path).containsExactly("pixel.bmp", "quit.sh");
    assertThat(mixed.diff().files().get(1).added()).isPositive();

    ParsedMail modified = Corpus.one("mail/0027-git-modify-binary-file.mbox");
    assertThat(modified.diff().files()).singleElement().satisfies(f -> assertThat(f.binary()).isTrue());
    assertThat(modified.diff().hash()).isNotEqualTo(binary.diff().hash());
  }

  @Test
  void listIdsAndSenders() {
    ParsedMail m = Corpus.parsed("series/bugs-multiple-references.mbox").get(1);
    assertThat(m.listIds()).containsExactly("linux-kernel.vger.kernel.org");
    assertThat(m.messageId()).isEqualTo("b9f67b2be37d5e9740a5e1ed85b0e8b4e5c0eb91.1495511998.git.viresh.kumar@linaro.org");
    assertThat(m.inReplyTo()).isEqualTo("cover.1495511998.git.viresh.kumar@linaro.org");
    assertThat(m.trailers()).extracting(Trailer::key).containsExactly("Signed-off-by", "Reviewed-by");
  }

  @Test
  void fuzzCorpusNeverCrashes() throws Exception {
    Path fuzz = Corpus.mail("fuzz");
    try (Stream<Path> files = Files.list(fuzz)) {
      for (Path f : files.sorted().toList()) {
        for (RawMail raw : Corpus.raw(f)) {
          ParsedMail m = MailParser.parse(raw.bytes());
          assertThat(m.messageId()).as(f.toString()).isNotBlank().hasSizeLessThanOrEqualTo(512);
        }
      }
    }
  }
}
