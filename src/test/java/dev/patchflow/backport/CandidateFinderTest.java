package dev.patchflow.backport;

import static org.assertj.core.api.Assertions.assertThat;

import dev.patchflow.git.CommitId;
import dev.patchflow.git.Git;
import java.nio.file.Path;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Candidates and per-line verdicts on a real (small) kernel-like repository. */
class CandidateFinderTest {
  @TempDir static Path tmp;
  static KernelRepo k;
  static CandidateFinder.Result result;
  static KernelLine line61;
  static KernelLine line612;

  @BeforeAll
  static void scan() throws Exception {
    k = new KernelRepo(tmp);
    line61 = new KernelLine(KernelVersion.parse("6.1"), "v6.1", Optional.of("linux-6.1.y"), Optional.of(k.spec),
        Optional.empty());
    line612 = KernelLine.of("6.12");
    CveRecords records = CveRecords.open(k.vulns);
    result = new CandidateFinder(new Git(k.repo), records).find(new CandidateFinder.Request(
        ScanWindow.month(YearMonth.of(2025, 3)), "master", List.of(line61, line612), 0));
  }

  private static Candidate candidate(String name) {
    return result.candidates().stream().filter(c -> c.sha().sha().equals(k.sha.get(name))).findFirst()
        .orElseThrow(() -> new AssertionError(name + " is not a candidate"));
  }

  private static Verdict verdict(int line, String name) {
    return result.lines().get(line).verdicts().get(new CommitId(k.sha.get(name)));
  }

  @Test
  void findsFixesInTheWindowOnlyWithTheirReasonsAndPaths() {
    Map<String, String> bySha = k.sha.entrySet().stream().collect(Collectors.toMap(Map.Entry::getValue, Map.Entry::getKey));
    assertThat(result.candidates().stream().map(c -> bySha.get(c.sha().sha())))
        .containsExactlyInAnyOrder("fixStableMarker", "fixStableBracket", "fixStablePicked", "fixAfterBase", "fixInSpec",
            "fixNeeded", "ccStableOnly", "byRecordOnly", "cveInText", "fixesMissing", "specPatchId");
    assertThat(result.scanned()).isEqualTo(12);
    assertThat(candidate("fixStableMarker").reasons()).containsExactlyInAnyOrder(Candidate.Reason.FIXES, Candidate.Reason.CC_STABLE);
    assertThat(candidate("fixStableMarker").fixes()).containsExactly(k.abbrev("bug1"));
    assertThat(candidate("fixStableMarker").paths()).containsExactly("net/b1.c");
    assertThat(candidate("byRecordOnly").reasons()).containsExactly(Candidate.Reason.CVE_RECORD);
    assertThat(candidate("byRecordOnly").cves()).containsExactly("CVE-2025-99001");
    assertThat(candidate("cveInText").reasons()).containsExactly(Candidate.Reason.CVE_ID);
    assertThat(candidate("cveInText").cves()).containsExactly("CVE-2025-12345");
    assertThat(candidate("ccStableOnly").tags().stableFrom()).contains(KernelVersion.parse("5.10"));
  }

  @Test
  void decidesEachCandidateFor61ByGitFacts() {
    assertThat(result.lines().get(0).at()).contains(KernelVersion.parse("6.1.10"));
    assertThat(verdict(0, "fixStableMarker")).isInstanceOf(Verdict.AlreadyIntegrated.class)
        .extracting(Verdict::reason).asString().contains("on linux-6.1.y (names the commit)");
    assertThat(verdict(0, "fixStableBracket")).isInstanceOf(Verdict.AlreadyIntegrated.class)
        .extracting(Verdict::reason).asString().contains("(names the commit)");
    assertThat(verdict(0, "fixStablePicked")).isInstanceOf(Verdict.AlreadyIntegrated.class)
        .extracting(Verdict::reason).asString().contains("on linux-6.1.y (same patch-id)");
    assertThat(verdict(0, "fixAfterBase")).isInstanceOf(Verdict.NotAffected.class)
        .extracting(Verdict::reason).asString().contains(k.abbrev("bug3") + " not in v6.1");
    assertThat(verdict(0, "fixInSpec")).isEqualTo(
        new Verdict.AlreadyIntegrated("spec patch CVE/0001-io_uring-fix-d5-speculation.patch (names the commit)"));
    assertThat(verdict(0, "specPatchId")).isEqualTo(
        new Verdict.AlreadyIntegrated("spec patch CVE/0001-fs-fix-e10-overflow.patch (same patch-id)"));
    assertThat(verdict(0, "fixNeeded")).isEqualTo(new Verdict.Needed("Fixes: " + k.sha.get("bug2") + " is in v6.1"));
    assertThat(verdict(0, "ccStableOnly")).isInstanceOf(Verdict.Needed.class);
    assertThat(verdict(0, "byRecordOnly")).isInstanceOf(Verdict.Needed.class)
        .extracting(Verdict::reason).asString().startsWith("CVE-2025-99001: no fix on the 6.1 line");
    assertThat(verdict(0, "cveInText")).isInstanceOf(Verdict.Unknown.class);
    assertThat(verdict(0, "fixesMissing")).isEqualTo(
        new Verdict.Unknown("Fixes: 0123456789abcdef not in the upstream repository"));
    assertThat(result.needed(line61).stream().map(c -> c.sha().sha()))
        .containsExactlyInAnyOrder(k.sha.get("fixNeeded"), k.sha.get("ccStableOnly"), k.sha.get("byRecordOnly"));
  }

  @Test
  void aLineDecidedAfterOthersGetsTheVerdictsItGetsAlone() throws Exception {
    // the lines of a run share patch-ids (worked out beside the reachability walk): sharing must change nothing
    CandidateFinder finder = new CandidateFinder(new Git(k.repo), CveRecords.open(k.vulns));
    ScanWindow march = ScanWindow.month(YearMonth.of(2025, 3));
    CandidateFinder.Result again = finder.find(new CandidateFinder.Request(march, "master", List.of(line612, line61, line61), 0));
    CandidateFinder.Result alone = finder.find(new CandidateFinder.Request(march, "master", List.of(line61), 0));
    assertThat(again.lines().get(1)).isEqualTo(result.lines().get(0));
    assertThat(again.lines().get(2)).isEqualTo(result.lines().get(0));
    assertThat(again.lines().get(0)).isEqualTo(result.lines().get(1));
    assertThat(alone.lines().get(0)).isEqualTo(result.lines().get(0));
    assertThat(verdict(0, "specPatchId")).isInstanceOf(Verdict.AlreadyIntegrated.class);
  }

  @Test
  void aLineWithOnlyItsBaseTagNeedsWhatItsBaseHasTheBugFor() {
    assertThat(verdict(1, "fixAfterBase")).isEqualTo(new Verdict.Needed("Fixes: " + k.abbrev("bug3") + " is in v6.12"));
    assertThat(verdict(1, "fixStableMarker")).isInstanceOf(Verdict.Needed.class);
    assertThat(verdict(1, "specPatchId")).isInstanceOf(Verdict.Needed.class);
    assertThat(verdict(1, "byRecordOnly")).isInstanceOf(Verdict.Needed.class);
    assertThat(result.lines().get(1).at()).isEmpty();
  }

  @Test
  void aCommitAlreadyInTheBaseIsIntegratedAndAStableCcForNewerLinesIsNotNeeded() throws Exception {
    CandidateFinder.Result early = new CandidateFinder(new Git(k.repo), CveRecords.none()).find(new CandidateFinder.Request(
        ScanWindow.month(YearMonth.of(2024, 1)), "master", List.of(KernelLine.of("6.1")), 0));
    assertThat(early.candidates()).isEmpty();
    Judgement.Facts facts = new Judgement.Facts(false, Optional.empty(), Optional.empty(), List.of(), List.of(),
        FixTags.of("x\n\nCc: stable@vger.kernel.org # v6.6+\n"));
    assertThat(Judgement.judge(KernelLine.of("6.1"), Optional.empty(), facts)).isInstanceOf(Verdict.NotAffected.class);
    assertThat(Judgement.judge(KernelLine.of("6.12"), Optional.empty(), facts)).isInstanceOf(Verdict.Needed.class);
    Judgement.Facts inBase = new Judgement.Facts(true, Optional.empty(), Optional.empty(), List.of(), List.of(), facts.tags());
    assertThat(Judgement.judge(KernelLine.of("6.1"), Optional.empty(), inBase)).isEqualTo(new Verdict.AlreadyIntegrated("in v6.1"));
  }

  @Test
  void reportShowsVerdictsAndTheCveReviewUnlessSkipped() {
    String table = ScanReport.table(result, true);
    assertThat(table).contains("11 candidates in 12 commits")
        .contains("line 6.1: base v6.1, stable linux-6.1.y, shipped 6.1.10, 3 needed")
        .contains(k.abbrev("byRecordOnly") + " 2025-03-09 drivers: tidy c8 bounds")
        .contains("  CVE-2025-99001: 7.8 HIGH - drivers: tidy c8 bounds")
        .contains("  CVE-2025-12345: no CVE record")
        .contains("  6.1: not_affected - Fixes: " + k.abbrev("bug3") + " not in v6.1 nor backported to linux-6.1.y");
    assertThat(ScanReport.table(result, false)).doesNotContain("CVE record").doesNotContain("7.8 HIGH");
    String json = ScanReport.jsonLines(result, true);
    assertThat(json.lines()).hasSize(11);
    assertThat(json).contains("\"cve\":\"CVE-2025-99001\",\"record\":true,\"title\":\"drivers: tidy c8 bounds\",\"score\":7.8,\"severity\":\"HIGH\"")
        .contains("\"6.1\":{\"status\":\"needed\"");
  }

  @Test
  void listedCommitsAreCandidatesInTheirOrderEvenWithoutAnyFixMarker() throws Exception {
    CandidateFinder.Result listed = new CandidateFinder(new Git(k.repo), CveRecords.open(k.vulns)).find(
        new CandidateFinder.Request(ScanWindow.month(YearMonth.of(2025, 3)), "master", List.of(line61), 0,
            List.of(k.sha.get("late"), k.abbrev("plain"), k.sha.get("byRecordOnly"))));
    assertThat(listed.candidates()).extracting(c -> c.sha().sha())
        .containsExactly(k.sha.get("late"), k.sha.get("plain"), k.sha.get("byRecordOnly"));
    assertThat(listed.candidates().get(1).reasons()).containsExactly(Candidate.Reason.LISTED);
    assertThat(listed.candidates().get(1).paths()).containsExactly("fs/e10.c");
    assertThat(listed.candidates().get(2).reasons())
        .containsExactlyInAnyOrder(Candidate.Reason.LISTED, Candidate.Reason.CVE_RECORD);
    assertThat(listed.scanned()).isEqualTo(3);
  }
}
