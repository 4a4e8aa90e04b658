package dev.patchflow.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A backport log directory as runs leave it, for the status pages' tests: a completed run with
 * one result per status (and a line that is not a result), a run with no results.jsonl yet, a
 * summary.log, and beside the log directory a secret file that no page may serve.
 */
public final class BackportRuns {
  public static final String DONE = "run-20261201-020000";
  public static final String BLOCKED = "run-20261202-020000";
  public static final String PR = "https://github.com/example/kernel-specs/pull/42";
  public static final String SECRET = "SECRET-never-served";
  public static final String SUCCESS_SHA = "1111111111112222222222223333333333334444";
  public static final String FAILED_SHA = "aaaaaaaaaaaabbbbbbbbbbbbccccccccccccdddd";

  private BackportRuns() {}

  /** Writes the runs into {@code root/logs} and returns that directory; the secret is {@code root/secret.txt}. */
  public static Path write(Path root) throws IOException {
    Path logs = Files.createDirectories(root.resolve("logs"));
    Path secret = Files.writeString(root.resolve("secret.txt"), SECRET + "\n");
    Path done = Files.createDirectories(logs.resolve(DONE));
    Files.writeString(done.resolve("backport.log"), "2026-12-01T02:00:00Z scanning 2026-11\n");
    Files.writeString(done.resolve("results.jsonl"), String.join("\n",
        "{\"kernel\":\"6.1\",\"sha\":\"" + SUCCESS_SHA + "\",\"subject\":\"net: fix a leak in <script>window.__xss=1</script>\","
            + "\"status\":\"success\",\"reason\":\"Fixes: target reachable\",\"route\":\"net\",\"specs\":[\"linux.spec\"],"
            + "\"patch_numbers\":[512],\"cves\":[\"CVE-2026-1234\"],\"patch_file\":\"0001-net.patch\",\"build_logs\":[],"
            + "\"test_log\":\"" + done.resolve("6.1/111111111111/apply-check.log") + "\",\"pr_url\":\"" + PR + "\"}",
        "{\"kernel\":\"6.1\",\"sha\":\"5555555555556666666666667777777777778888\",\"subject\":\"mm: already there\","
            + "\"status\":\"already_integrated\",\"reason\":\"in v6.1.90\",\"pr_url\":null}",
        "{\"kernel\":\"5.10\",\"sha\":\"" + FAILED_SHA + "\",\"subject\":\"fs: breaks the build\","
            + "\"status\":\"build_failed\",\"reason\":\"rpmbuild exit 1\",\"specs\":[\"linux.spec\",\"linux-esx.spec\"],"
            + "\"patch_numbers\":[77,78],\"pr_url\":\"javascript:window.__xss=2\"}",
        "{\"kernel\":\"5.10\",\"sha\":\"9999999999990000000000001111111111112222\",\"subject\":\"drm: nowhere to go\","
            + "\"status\":\"routing_none\",\"reason\":\"no rule matches drivers/gpu\"}",
        "this line is not JSON") + "\n");
    Path ok = Files.createDirectories(done.resolve("6.1").resolve("111111111111"));
    Files.writeString(ok.resolve("apply-check.log"), "patch applies cleanly to v6.1.100\n");
    Path failed = Files.createDirectories(done.resolve("5.10").resolve("aaaaaaaaaaaa"));
    Files.writeString(failed.resolve("apply-check.log"), "applies\n");
    // over the pages' 1 MiB cap: only its end is shown
    Files.writeString(failed.resolve("build-linux.log"), "first line of the build\n" + "x".repeat(80).concat("\n")
        .repeat(14000) + "error: the last line of the build\n");
    Files.createSymbolicLink(done.resolve("leak.log"), secret);
    Files.createSymbolicLink(failed.resolve("leak.log"), secret);
    Path blocked = Files.createDirectories(logs.resolve(BLOCKED));
    Files.writeString(blocked.resolve("backport.log"), "2026-12-02T02:00:00Z blocked: network unavailable\n");
    Files.writeString(logs.resolve("summary.log"), String.join("\n",
        "2026-12-01T02:00:00Z run 20261201T020000Z COMPLETED: success=1 already_integrated=1 build_failed=1 routing_none=1",
        "2026-12-02T02:00:00Z run 20261202T020000Z FAILED: network unavailable (cdn.kernel.org:443: timed out)",
        "2026-12-02T02:01:00Z run 20261202T020100Z SKIPPED: another run holds the lock") + "\n");
    return logs;
  }
}
