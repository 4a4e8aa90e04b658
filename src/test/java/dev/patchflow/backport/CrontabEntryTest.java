package dev.patchflow.backport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class CrontabEntryTest {
  static final String OTHER = "# m h dom mon dow command\nSHELL=/bin/sh\n0 5 * * * /usr/bin/backup --all\n";

  @Test
  void installAppendsThenReplaces() {
    String once = CrontabEntry.install(OTHER, "0 2 * * *", "/opt/x/run-now");
    assertThat(once).isEqualTo(OTHER + CrontabEntry.MARKER + "\n0 2 * * * /opt/x/run-now\n");
    String twice = CrontabEntry.install(once, " 0  3 * * * ", "/opt/x/run-now");
    assertThat(twice).isEqualTo(OTHER + CrontabEntry.MARKER + "\n0  3 * * * /opt/x/run-now\n");
    assertThat(CrontabEntry.remove(twice)).isEqualTo(OTHER);
  }

  @Test
  void removeWithoutOurEntryChangesNothing() {
    String noNewline = "0 5 * * * /usr/bin/backup";
    assertThat(CrontabEntry.remove(noNewline)).isSameAs(noNewline);
    assertThat(CrontabEntry.remove("")).isEmpty();
    assertThat(CrontabEntry.remove(CrontabEntry.install("", "0 2 * * *", "/x"))).isEmpty();
  }

  @Test
  void refusesWhatCronWouldMisread() {
    assertThatThrownBy(() -> CrontabEntry.install("", "0 2 * * *", "date +%s")).hasMessageContaining("'%'");
    assertThatThrownBy(() -> CrontabEntry.install("", "2am", "/x")).hasMessageContaining("'2am'");
  }
}
