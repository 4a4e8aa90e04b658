package dev.patchflow.web;

import java.util.List;

/** The records templates render; built by the handlers, no logic of their own. */
public final class Views {
  private Views() {}

  public record ProjectItem(String name, String listId, long series, long patches) {}

  /** A series in a list, with its badges (complete, reviewed, superseded, merged, tested). */
  public record SeriesItem(long id, String name, int version, int received, int total, String submitter, String date,
      List<String> badges, String checks) {}

  public record SeriesList(String project, List<SeriesItem> items, String query, int page, boolean hasNext,
      String sort, String error) {}

  public record Trailer(String name, String value, String givenBy) {}

  public record Message(long id, String subject, String from, String date, String msgid, String content, int depth) {}

  public record PatchItem(long id, int number, String name, String state, String msgid, String webUrl, String diffstat,
      List<Trailer> trailers, String check) {}

  /** A series result; note says more than the status can (a test that "timed out"); jobPage: a test's job. */
  public record Result(String name, String status, String logUrl, String note, String jobPage) {}

  public record Version(long id, int version, boolean current) {}

  public record SeriesPage(long id, String project, String name, int version, int received, int total, String submitter,
      String date, List<String> badges, Message cover, List<PatchItem> patches, List<Message> replies,
      List<Trailer> trailers, List<Result> results, List<Version> versions, String mbox, GitTree git) {}

  /** How applying the series to its git tree went (null on the page when it was not tried). */
  public record GitTree(String state, String summary, String tag, String url, String base, String detail) {}

  public record DiffLine(String kind, String text) {}

  public record State(String slug, String name) {}

  public record PatchPage(long id, String project, String name, String msgid, String from, String date, String state,
      String delegate, boolean archived, String commitRef, Long seriesId, String seriesName, String content,
      List<DiffLine> diff, List<Trailer> trailers, List<Message> comments, String mbox, boolean canEdit,
      List<State> states, String check) {}

  public record VersionDiff(long from, long to, String name, List<DiffLine> lines) {}

  /** A tester as it last checked in; job is what it runs now (null: nothing). */
  public record TesterItem(String name, String lastSeen, String firstSeen, List<String> capabilities, TesterJob job) {}

  public record TesterJob(long id, long seriesId, String seriesName, String test, String leaseUntil) {}

  /**
   * A test job's page: its log so far, and (while it may still grow) where the page's script
   * asks for more. series is null for a base test, base is null for a series test.
   */
  public record JobPage(long id, String test, String project, Long seriesId, String seriesName, String base,
      String state, int attempt, String tester, String exitCode, String duration, String log, long logOffset,
      boolean growing) {}

  /** A project's base tests on its newest tested base commit. */
  public record BaseTests(String project, String base, List<BaseJob> jobs) {}

  public record BaseJob(long id, String test, String state, String tester) {}

  /** How many results of a run had one status; css is the status when it is a plain word, else "other". */
  public record StatusCount(String status, String css, int count) {}

  /** A run on the backport page; note says why it has no results or that some lines were unreadable. */
  public record BackportRunItem(String id, String start, String kernels, List<StatusCount> counts, String note) {}

  /** A line of summary.log (outcome: completed, skipped or failed), so runs that never got far show too. */
  /** @param runHref the run's page where its folder is still there, else empty (run-now's lines, pruned runs) */
  public record BackportSummary(String at, String runId, String runHref, String outcome, String detail) {}

  /** A link to a file of a run, served as text. */
  public record FileLink(String name, String href) {}

  /** One candidate on one kernel line; prLink is null unless the pull request's address is http(s). */
  public record BackportRow(String kernel, String sha12, String sha, String subject, String status, String css,
      String reason, List<String> specs, List<String> cves, String prUrl, String prLink, List<FileLink> logs) {}

  public record BackportRun(String id, String start, String note, List<StatusCount> counts, List<BackportRow> rows,
      List<String> problems, List<FileLink> files) {}
}
