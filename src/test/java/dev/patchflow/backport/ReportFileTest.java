package dev.patchflow.backport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ReportFileTest {
  static final String A = "2f3bc5e9d1b3c0c1a8f6b9a3b4c5d6e7f8a9b0c1";
  static final String B = "0123456789ab";

  @Test
  void textWithCommentsAndBlankLines() throws Exception {
    String text = "# CVE fixes for December\n\n" + A + "   # CVE-2025-12345\n  " + B.toUpperCase() + "\r\n" + A + "\n";
    assertThat(ReportFile.parse("dec.txt", text)).containsExactly(A, B);
  }

  @Test
  void jsonArray() throws Exception {
    assertThat(ReportFile.parse("r.json", "\n [\"" + A + "\",\n  \"" + B + "\"]\n")).containsExactly(A, B);
    assertThat(ReportFile.parse("r.json", "[]")).isEmpty();
  }

  @Test
  void emptyReportListsNothing() throws Exception {
    assertThat(ReportFile.parse("e.txt", "# nothing this week\n")).isEmpty();
  }

  @Test
  void errorsNameFileAndLine() {
    assertThatThrownBy(() -> ReportFile.parse("bad.txt", A + "\n\nfix the thing\n"))
        .isInstanceOf(ReportFile.Malformed.class)
        .hasMessage("bad.txt:3: not a commit id (12 to 40 hex digits): 'fix the thing'")
        .satisfies(e -> assertThat(((ReportFile.Malformed) e).line()).isEqualTo(3));
    assertThatThrownBy(() -> ReportFile.parse("short.txt", "abc123\n")).hasMessageStartingWith("short.txt:1: ");
    assertThatThrownBy(() -> ReportFile.parse("two.txt", A + " " + B + "\n")).hasMessageStartingWith("two.txt:1: ");
    assertThatThrownBy(() -> ReportFile.parse("r.json", "[\n\"" + A + "\",\n42\n]"))
        .hasMessageStartingWith("r.json:3: want a string commit id");
    assertThatThrownBy(() -> ReportFile.parse("r.json", "[\n\"" + A + "\",\n\"nope\"]"))
        .hasMessageStartingWith("r.json:3: not a commit id");
    assertThatThrownBy(() -> ReportFile.parse("r.json", "[\n\"" + A + "\"\n")).hasMessageStartingWith("r.json:");
    assertThatThrownBy(() -> ReportFile.parse("r.json", "[\"" + A + "\"]\n{}")).hasMessageContaining("text after the JSON array");
  }
}
