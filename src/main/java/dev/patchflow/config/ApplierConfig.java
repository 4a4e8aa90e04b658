package dev.patchflow.config;

/**
 * The applier that runs inside `serve` (and `patchflow apply`).
 *
 * @param workers series applied at once
 * @param pollSeconds how often the store is asked for new complete series
 * @param mergeScanMinutes how often upstream is scanned for merged patches
 * @param mergeScanDepth commits looked back at on a project's first scan
 */
public record ApplierConfig(Integer workers, Integer pollSeconds, Integer mergeScanMinutes, Integer mergeScanDepth) {
  public static final ApplierConfig DEFAULT = new ApplierConfig(null, null, null, null);

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
