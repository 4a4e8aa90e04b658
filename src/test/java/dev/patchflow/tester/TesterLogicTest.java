package dev.patchflow.tester;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class TesterLogicTest {
  @Test
  void aJobMatchesWhenEveryRequirementIsACapability() {
    assertThat(JobMatcher.canRun(List.of(), List.of())).isTrue();
    assertThat(JobMatcher.canRun(List.of("arm", "kvm"), List.of("kvm", "arm", "big"))).isTrue();
    assertThat(JobMatcher.canRun(List.of("arm", "kvm"), List.of("arm"))).isFalse();
    assertThat(JobMatcher.decode(JobMatcher.encode(List.of("kvm", "arm", "kvm")))).containsExactly("arm", "kvm");
    assertThat(JobMatcher.decode("")).isEmpty();
  }

  @Test
  void aLeaseLastsTheTimeoutAndTheGrace() {
    Instant now = Instant.parse("2024-01-01T00:00:00Z");
    Instant until = new LeasePolicy(Duration.ofSeconds(120)).until(now, 60);
    assertThat(until).isEqualTo(now.plusSeconds(180));
    assertThat(LeasePolicy.expired(until, now.plusSeconds(180))).isFalse();
    assertThat(LeasePolicy.expired(until, now.plusSeconds(181))).isTrue();
  }

  @Test
  void logsAppendAsGzipMembersAndStopAtTheCap() {
    LogBuffer.Append a = LogBuffer.append(null, 0, false, bytes("hello "), 16);
    a = LogBuffer.append(a.log(), a.bytes(), a.truncated(), bytes("world"), 16);
    assertThat(LogBuffer.text(a.log())).isEqualTo("hello world");
    assertThat(a.truncated()).isFalse();
    a = LogBuffer.append(a.log(), a.bytes(), a.truncated(), bytes(" and much more"), 16);
    assertThat(a.truncated()).isTrue();
    assertThat(LogBuffer.text(a.log())).isEqualTo("hello world and \n[log truncated at 16 bytes]\n");
    LogBuffer.Append after = LogBuffer.append(a.log(), a.bytes(), a.truncated(), bytes("ignored"), 16);
    assertThat(LogBuffer.text(after.log())).doesNotContain("ignored");
  }

  @Test
  void aGrowingLogIsReadOnFromAnOffsetInWholeCharacters() {
    byte[] text = bytes("ab\u00e9\u20ac");  // a, b, é (2 bytes), € (3 bytes): 7 bytes
    assertThat(LogBuffer.slice(text, 0, true)).isEqualTo(new LogBuffer.Slice("ab\u00e9\u20ac", 7, false));
    assertThat(LogBuffer.slice(text, 2, true)).isEqualTo(new LogBuffer.Slice("\u00e9\u20ac", 7, false));
    assertThat(LogBuffer.slice(text, 7, true)).isEqualTo(new LogBuffer.Slice("", 7, false));
    // the last character's bytes have not all arrived: they wait for the next read
    byte[] half = java.util.Arrays.copyOf(text, 6);
    assertThat(LogBuffer.slice(half, 2, true)).isEqualTo(new LogBuffer.Slice("\u00e9", 4, false));
    assertThat(LogBuffer.slice(java.util.Arrays.copyOf(text, 3), 2, true)).isEqualTo(new LogBuffer.Slice("", 2, false));
    // a reader ahead of the log (the job started over) gets it from the start
    assertThat(LogBuffer.slice(bytes("new"), 7, true)).isEqualTo(new LogBuffer.Slice("new", 3, true));
    // an ended log is given whole
    assertThat(LogBuffer.slice(half, 4, false).next()).isEqualTo(6);
  }

  @Test
  void reportsAreDescribedForChecks() {
    assertThat(JobReports.describe("build", new JobReports.Report("failure", 2, 61_400L)))
        .isEqualTo("build failed (exit code 2) in 61 s");
    assertThat(JobReports.describe("build", new JobReports.Report("timeout", null, null))).isEqualTo("build timed out");
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
