package dev.patchflow.backport;

import dev.patchflow.git.Git;
import dev.patchflow.git.GitException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The candidate-finding step of a backport run, as a service: scan a window of upstream
 * history, then decide for each kernel line. {@code patchflow backport scan} prints its result;
 * the full pipeline routes and integrates the candidates a line needs.
 */
public final class CandidateFinder {
  private final Git upstream;
  private final CveRecords records;

  public CandidateFinder(Git upstream, CveRecords records) {
    this.upstream = upstream;
    this.records = records;
  }

  /**
   * @param rev where upstream history starts (HEAD, master, a tag)
   * @param limit the most candidates to keep, 0 for all
   * @param commits when not empty, exactly these upstream commits instead of the window's
   */
  public record Request(ScanWindow window, String rev, List<KernelLine> lines, int limit, List<String> commits) {
    public Request {
      lines = List.copyOf(lines);
      commits = List.copyOf(commits);
    }

    public Request(ScanWindow window, String rev, List<KernelLine> lines, int limit) {
      this(window, rev, lines, limit, List.of());
    }
  }

  /**
   * What a run found.
   *
   * @param scanned the commits in the window
   * @param records the CVE records of the candidates, by id (for review)
   */
  public record Result(ScanWindow window, int scanned, List<Candidate> candidates, List<Applicability.LineResult> lines,
      Map<String, CveRecord> records) {
    public Result {
      candidates = List.copyOf(candidates);
      lines = List.copyOf(lines);
      records = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(records));
    }

    /** The candidates a line needs, in scan order. */
    public List<Candidate> needed(KernelLine line) {
      for (Applicability.LineResult r : lines) {
        if (r.line().equals(line)) {
          return candidates.stream().filter(c -> r.verdicts().get(c.sha()) instanceof Verdict.Needed).toList();
        }
      }
      return List.of();
    }
  }

  public Result find(Request request) throws GitException, IOException {
    UpstreamScan upstreamScan = new UpstreamScan(upstream, records);
    UpstreamScan.Result scan = request.commits().isEmpty()
        ? upstreamScan.scan(request.window(), request.rev(), request.limit()) : upstreamScan.listed(request.commits());
    Map<String, CveRecord> byId = new LinkedHashMap<>();
    for (Candidate c : scan.candidates()) {
      for (String id : c.cves()) {
        Optional<CveRecord> r = records.record(id);
        r.ifPresent(x -> byId.put(id, x));
      }
    }
    Applicability applicability = new Applicability(upstream, records);
    List<Applicability.LineResult> lines = new ArrayList<>();
    for (KernelLine line : request.lines()) {
      lines.add(applicability.decide(line, scan.candidates()));
    }
    return new Result(request.window(), scan.scanned(), scan.candidates(), lines, byId);
  }
}
