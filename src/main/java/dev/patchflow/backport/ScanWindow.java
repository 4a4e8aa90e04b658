package dev.patchflow.backport;

import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * The upstream commits to look at: those committed in [since, until), in UTC. Commit dates, not
 * author dates: that is when a fix reached the tree, and what {@code git log --since} compares.
 */
public record ScanWindow(Instant since, Instant until) {
  private static final DateTimeFormatter GIT = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss '+0000'")
      .withZone(ZoneOffset.UTC);

  public ScanWindow {
    if (!since.isBefore(until)) {
      throw new IllegalArgumentException("empty window: " + since + " is not before " + until);
    }
  }

  /** A calendar month, e.g. 2025-03. */
  public static ScanWindow month(YearMonth month) {
    return new ScanWindow(month.atDay(1).atStartOfDay().toInstant(ZoneOffset.UTC),
        month.plusMonths(1).atDay(1).atStartOfDay().toInstant(ZoneOffset.UTC));
  }

  /** From the start of {@code since} to the end of {@code until}, both days included. */
  public static ScanWindow days(LocalDate since, LocalDate until) {
    return new ScanWindow(since.atStartOfDay().toInstant(ZoneOffset.UTC),
        until.plusDays(1).atStartOfDay().toInstant(ZoneOffset.UTC));
  }

  /** The {@code git log} options for this window ({@code --until} is inclusive, so one second less). */
  public List<String> gitArgs() {
    return List.of("--since=" + GIT.format(since), "--until=" + GIT.format(until.minusSeconds(1)));
  }

  @Override
  public String toString() {
    return since + " .. " + until;
  }
}
