package dev.patchflow.backport;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A scan's result as people and programs read it (pure): a text table, one block per candidate
 * with a verdict line per kernel line, and JSON lines, one object per candidate. With review on,
 * each candidate's CVE records are shown with their score and severity, or "no CVE record".
 */
public final class ScanReport {
  private static final ObjectMapper JSON = new ObjectMapper();

  private ScanReport() {}

  public static String table(CandidateFinder.Result r, boolean review) {
    StringBuilder out = new StringBuilder();
    out.append(String.format(Locale.ROOT, "%d candidates in %d commits (%s)%n", r.candidates().size(), r.scanned(), r.window()));
    for (Applicability.LineResult l : r.lines()) {
      out.append(String.format(Locale.ROOT, "line %s: base %s%s%s, %d needed%n", l.line().name(), l.line().baseTag(),
          l.line().stableBranch().map(b -> ", stable " + b).orElse(""), l.at().map(v -> ", shipped " + v).orElse(""),
          l.verdicts().values().stream().filter(v -> v instanceof Verdict.Needed).count()));
    }
    for (Candidate c : r.candidates()) {
      out.append('\n').append(c.sha().abbrev()).append(' ').append(c.committed().toString(), 0, 10).append(' ')
          .append(c.subject()).append('\n');
      out.append("  why: ").append(String.join(",", reasons(c)));
      if (!c.fixes().isEmpty()) {
        out.append("  Fixes: ").append(String.join(" ", c.fixes()));
      }
      out.append('\n');
      if (review) {
        for (String line : reviewLines(c, r)) {
          out.append("  ").append(line).append('\n');
        }
      }
      for (Applicability.LineResult l : r.lines()) {
        Verdict v = l.verdicts().get(c.sha());
        out.append("  ").append(l.line().name()).append(": ").append(v.status()).append(" - ").append(v.reason()).append('\n');
      }
    }
    return out.toString();
  }

  /** One JSON object a line per candidate. */
  public static String jsonLines(CandidateFinder.Result r, boolean review) {
    StringBuilder out = new StringBuilder();
    for (Candidate c : r.candidates()) {
      ObjectNode o = JSON.createObjectNode();
      o.put("sha", c.sha().sha());
      o.put("subject", c.subject());
      o.put("committed", c.committed().toString());
      reasons(c).forEach(o.putArray("reasons")::add);
      c.fixes().forEach(o.putArray("fixes")::add);
      c.cves().forEach(o.putArray("cves")::add);
      c.paths().forEach(o.putArray("paths")::add);
      ObjectNode lines = o.putObject("lines");
      for (Applicability.LineResult l : r.lines()) {
        Verdict v = l.verdicts().get(c.sha());
        lines.putObject(l.line().name()).put("status", v.status()).put("reason", v.reason());
      }
      if (review) {
        ArrayNode rev = o.putArray("review");
        for (String id : c.cves()) {
          ObjectNode x = rev.addObject().put("cve", id);
          CveRecord rec = r.records().get(id);
          x.put("record", rec != null);
          if (rec != null) {
            x.put("title", rec.title());
            rec.cvss().ifPresent(s -> x.put("score", s.score()).put("severity", s.severity()).put("vector", s.vector()));
          }
        }
      }
      out.append(o).append('\n');
    }
    return out.toString();
  }

  private static List<String> reasons(Candidate c) {
    return c.reasons().stream().sorted().map(x -> x.name().toLowerCase(Locale.ROOT)).toList();
  }

  private static List<String> reviewLines(Candidate c, CandidateFinder.Result r) {
    return CveReview.lines(c, r.records());
  }

}
