package dev.patchflow.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MailSourcesTest {
  @TempDir Path tmp;

  private static final String MBOX = """
      From alice@example.org Mon Jan  5 10:00:00 2026
      From: alice@example.org
      Subject: one
      Message-ID: <1@x>

      From the start of a line, prose.
      >From an escaped line.

      From bob@example.org Mon Jan  5 11:00:00 2026
      From: bob@example.org
      Subject: two
      Message-ID: <2@x>

      second
      """;

  private static List<RawMail> readAll(List<MailSource> sources) throws IOException {
    List<RawMail> out = new ArrayList<>();
    for (MailSource s : sources) {
      try (s) {
        RawMail m;
        while ((m = s.next()) != null) {
          out.add(m);
        }
        assertThat(s.position()).isEqualTo(s.size());
      }
    }
    return out;
  }

  @Test
  void mboxSplitsOnlyOnRealSeparatorsAndUnescapes() throws Exception {
    Path f = tmp.resolve("list.mbox");
    Files.writeString(f, MBOX);
    List<RawMail> mails = readAll(MailSources.open(List.of(f)));
    assertThat(mails).hasSize(2);
    String first = new String(mails.get(0).bytes(), StandardCharsets.UTF_8);
    assertThat(first).startsWith("From: alice@example.org").contains("From the start of a line, prose.")
        .contains("\nFrom an escaped line.\n").doesNotContain("bob");
    assertThat(mails.get(0).origin()).endsWith("list.mbox:1");
    assertThat(mails.get(1).origin()).endsWith("list.mbox:9");
  }

  @Test
  void gzippedMbox() throws Exception {
    Path f = tmp.resolve("list.mbox.gz");
    try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(f))) {
      out.write(MBOX.getBytes(StandardCharsets.UTF_8));
    }
    assertThat(readAll(MailSources.open(List.of(f)))).hasSize(2);
  }

  @Test
  void maildirAndLooseFilesInADirectory() throws Exception {
    Path maildir = tmp.resolve("inbox");
    Files.createDirectories(maildir.resolve("cur"));
    Files.createDirectories(maildir.resolve("new"));
    Files.createDirectories(maildir.resolve("tmp"));
    Files.writeString(maildir.resolve("new/1.host"), "From: a@x\nSubject: a\nMessage-ID: <a@x>\n\nA\n");
    Files.writeString(maildir.resolve("cur/2.host:2,S"), "From: b@x\nSubject: b\nMessage-ID: <b@x>\n\nB\n");
    Path loose = Files.createDirectories(tmp.resolve("loose"));
    Files.writeString(loose.resolve("x.eml"), "From: c@x\nSubject: c\nMessage-ID: <c@x>\n\nC\n");
    Files.writeString(loose.resolve("y.mbox"), MBOX);
    assertThat(readAll(MailSources.open(List.of(maildir)))).hasSize(2);
    assertThat(readAll(MailSources.open(List.of(tmp)))).hasSize(5);
  }

  @Test
  void aMissingPathIsNamed() {
    assertThatThrownBy(() -> MailSources.open(List.of(tmp.resolve("nope.mbox"))))
        .hasMessageContaining("nope.mbox").hasMessageContaining("no such file");
  }
}
