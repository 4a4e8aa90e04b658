package dev.patchflow.backport;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The CVE review of a candidate (pure): per CVE id, its record's CVSS score and severity and
 * title, or that there is no record. The scan report, the run report and pull requests show the
 * same lines, unless --skip-review.
 */
public final class CveReview {
  private CveReview() {}

  /** One line per CVE the candidate carries; "no CVE record" when it carries none. */
  public static List<String> lines(Candidate c, Map<String, CveRecord> records) {
    List<String> out = new ArrayList<>();
    for (String id : c.cves()) {
      CveRecord rec = records.get(id);
      out.add(id + ": " + (rec == null ? "no CVE record"
          : rec.cvss().map(s -> s.score() + " " + s.severity()).orElse("not scored")
              + (rec.title().isEmpty() ? "" : " - " + rec.title())));
    }
    if (out.isEmpty()) {
      out.add("no CVE record");
    }
    return out;
  }
}
