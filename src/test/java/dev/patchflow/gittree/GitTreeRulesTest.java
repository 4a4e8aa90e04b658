package dev.patchflow.gittree;

import static org.assertj.core.api.Assertions.assertThat;

import dev.patchflow.mail.ParsedMail;
import dev.patchflow.testing.Corpus;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The pure rules of the git tree: tag names, Based-on lines, the trailers that name a merged mail. */
class GitTreeRulesTest {
  @Test
  void tagNamesAreValidRefsForEveryMessageIdInTheCorpusAndForHostileOnes() throws Exception {
    List<String> ids = new ArrayList<>(List.of("a..b@x", "-x@y", ".hidden@x", "x.lock", "a b@c", "tab\t@x", "x@{y}",
        "a/b/../c@d", "ünï@cödé", "a~1^2:3?*[\\]@x", "@", "trailing.", "<20260101.1234-1-ada@example.org>"));
    Path series = Corpus.mail("series");
    try (Stream<Path> files = Files.list(series)) {
      for (Path f : files.sorted().limit(40).toList()) {
        for (ParsedMail m : Corpus.parsed("series/" + f.getFileName())) {
          ids.add(m.messageId());
        }
      }
    }
    assertThat(ids).hasSizeGreaterThan(50);
    for (String id : ids) {
      String tag = TagName.of(id);
      assertThat(tag).startsWith("patchflow/");
      Process p = new ProcessBuilder("git", "check-ref-format", "refs/tags/" + tag).redirectErrorStream(true).start();
      String out = new String(p.getInputStream().readAllBytes());
      assertThat(p.waitFor()).as("git refuses %s (from %s): %s", tag, id, out).isZero();
    }
    assertThat(TagName.of("<20260101.1234-1-ada@example.org>")).isEqualTo("patchflow/20260101.1234-1-ada@example.org");
    assertThat(TagName.of("a b:c@x")).isEqualTo("patchflow/a_b_c@x");
  }

  @Test
  void basedOnIsTheFirstSuchLine() {
    assertThat(BasedOn.find("A series.\n\nBased-on: <20260101.1-1-ada@example.org>\nBased-on: <other@x>\n"))
        .contains("20260101.1-1-ada@example.org");
    assertThat(BasedOn.find("based-on: plain@id.example\n")).contains("plain@id.example");
    assertThat(BasedOn.find("This is based on: <x@y> in prose\n")).isEmpty();
    assertThat(BasedOn.find("> Based-on: <quoted@x>\n")).isEmpty();
    assertThat(BasedOn.find(null)).isEmpty();
  }

  @Test
  void mergeTrailersNameTheMailsAnUpstreamCommitCameFrom() {
    String message = "net: fix a leak\n\nSigned-off-by: A <a@x>\n"
        + "Link: https://lore.kernel.org/r/20260101.1-1-ada@example.org\n"
        + "Link: https://patch.msgid.link/20260102.2-2-bob@example.org\n"
        + "Link: https://lore.kernel.org/netdev/20260103.3-3-cy%2Bx@example.org/\n"
        + "Link: https://example.org/not-lore/abc@def\n"
        + "Link: https://lore.kernel.org/all/CAHk-abc/T/ \n"
        + "Message-Id: <20260104.4-4-dee@example.org>\n";
    assertThat(MergeTrailers.messageIds(message)).containsExactly("20260101.1-1-ada@example.org",
        "20260102.2-2-bob@example.org", "20260103.3-3-cy+x@example.org", "20260104.4-4-dee@example.org");
    assertThat(MergeTrailers.messageIds("Quoting Link: https://lore.kernel.org/r/x@y in prose")).isEmpty();
  }
}
