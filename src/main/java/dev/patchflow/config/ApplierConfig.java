package dev.patchflow.config;

/**
 * The applier that runs inside `serve` (and `patchflow apply`).
 *
 * @param workers series applied at once
 * @param pollSeconds how often the store is asked for new complete series
 * @param mergeScanMinutes how often upstream is scanned for merged patches
 * @param mergeScanDepth commits looked back at on a project's first scan
 * @param maxAgeDays series sent longer ago are not applied
 */
public record ApplierConfig(Integer workers, Integer pollSeconds, Integer mergeScanMinutes, Integer mergeScanDepth,
    Integer maxAgeDays) {
  public static final ApplierConfig DEFAULT = new ApplierConfig(null, null, null, null, null);

  public ApplierConfig(Integer workers, Integer pollSeconds, Integer mergeScanMinutes, Integer mergeScanDepth) {
    this(workers, pollSeconds, mergeScanMinutes, mergeScanDepth, null);
  }

  /**
   * Series sent longer ago than this are not applied: a git tree added to a project with years
   * of history must not start by applying all of it.
   */
  public int maxAgeDaysOrDefault() {
    return maxAgeDays == null ? 14 : maxAgeDays;
  }

  public int workersOrDefault() {
    return workers == null ? 2 : workers;
  }

  public int pollOrDefault() {
    return pollSeconds == null ? 10 : pollSeconds;
  }

  public int mergeScanMinutesOrDefault() {
    return mergeScanMinutes == null ? 10 : mergeScanMinutes;
  }

  public int mergeScanDepthOrDefault() {
    return mergeScanDepth == null ? 1000 : mergeScanDepth;
  }
}
