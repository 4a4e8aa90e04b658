package dev.patchflow.backport.history;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Locale;

/**
 * One line of a run's {@code results.jsonl}: a candidate on one kernel line, as
 * {@code RunReport.jsonLines} wrote it. Fields the line lacks are empty ("" or no elements),
 * never null, except the paths and the pull request, which are null when there were none.
 */
public record RunRecord(String kernel, String sha, String subject, String status, String reason, String route,
    List<String> specs, List<String> patchNumbers, List<String> cves, String patchFile, List<String> buildLogs,
    String testLog, String prUrl) {
  public RunRecord {
    specs = List.copyOf(specs);
    patchNumbers = List.copyOf(patchNumbers);
    cves = List.copyOf(cves);
    buildLogs = List.copyOf(buildLogs);
  }

  public String sha12() {
    return sha.substring(0, Math.min(12, sha.length()));
  }

  /** The pull request's address when it is safe to link to (http or https with a host); otherwise null. */
  public String prLink() {
    if (prUrl == null) {
      return null;
    }
    try {
      URI u = new URI(prUrl.strip());
      String scheme = u.getScheme() == null ? "" : u.getScheme().toLowerCase(Locale.ROOT);
      return (scheme.equals("http") || scheme.equals("https")) && u.getHost() != null ? u.toString() : null;
    } catch (URISyntaxException e) {
      return null;
    }
  }
}
