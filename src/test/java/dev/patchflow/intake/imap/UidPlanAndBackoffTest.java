package dev.patchflow.intake.imap;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class UidPlanAndBackoffTest {
  @Test
  void aFolderIsReadFromAfterTheLastCommittedUidUnlessRenumbered() {
    assertThat(UidPlan.decide(Optional.empty(), 7)).isEqualTo(new UidPlan(1, false));
    assertThat(UidPlan.decide(Optional.of(new FolderState(7, 41)), 7)).isEqualTo(new UidPlan(42, false));
    assertThat(UidPlan.decide(Optional.of(new FolderState(7, 41)), 8)).isEqualTo(new UidPlan(1, true));
  }

  @Test
  void backoffDoublesUpToItsCapAndStartsOverAfterASuccess() {
    Backoff b = new Backoff(Duration.ofSeconds(1), Duration.ofMinutes(5));
    long[] seen = new long[11];
    for (int i = 0; i < seen.length; i++) {
      seen[i] = b.next().toSeconds();
    }
    assertThat(seen).containsExactly(1, 2, 4, 8, 16, 32, 64, 128, 256, 300, 300);
    b.reset();
    assertThat(b.next()).isEqualTo(Duration.ofSeconds(1));
  }
}
