package dev.patchflow.ci;

import dev.patchflow.ci.config.EmailConfig;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Composes the mail telling a series' submitter and list its CI result: who gets it, what it
 * says, and where it threads (under the cover letter, or the first patch without one). Pure: the
 * regexes of the config are compiled once, then every call is plain inputs to a {@link Message}.
 */
public final class ResultMail {
  private final EmailConfig config;
  private final List<Pattern> allowlist;
  private final List<Pattern> ignoredWorkflows;

  /** One job as the mail lists it. */
  public record Job(String workflow, String name, CheckState state, String url) {}

  /** A series' result from the workflows that count, with their jobs in run order. */
  public record Result(CheckState state, List<Job> jobs) {
    public Result {
      jobs = List.copyOf(jobs);
    }

    /** Only a final verdict is mailed; pending (or nothing run yet) is not. */
    public boolean mailable() {
      return state == CheckState.SUCCESS || state == CheckState.FAIL;
    }
  }

  /**
   * A mail ready to send. Message-IDs are bare, without angle brackets.
   *
   * @param references the thread's Message-IDs, oldest first
   */
  public record Message(String from, List<String> to, List<String> cc, String subject, String body, String inReplyTo,
      List<String> references) {
    public Message {
      to = List.copyOf(to);
      cc = List.copyOf(cc);
      references = List.copyOf(references);
    }
  }

  public ResultMail(EmailConfig config) {
    this.config = config;
    this.allowlist = compile(config.submitterAllowlist(), Pattern.CASE_INSENSITIVE);
    this.ignoredWorkflows = compile(config.emailIgnoreWorkflows(), 0);
  }

  /**
   * The result of {@code runs} leaving out the workflows {@code email_ignore_workflows} names
   * (each regex must match the whole workflow name): the same rules as the summary check.
   */
  public Result result(List<RunView> runs) {
    List<CheckState> states = new ArrayList<>();
    List<Job> jobs = new ArrayList<>();
    for (RunView run : runs) {
      if (run.name() != null && ignoredWorkflows.stream().anyMatch(p -> p.matcher(run.name()).matches())) {
        continue;
      }
      states.add(CheckStates.of(run));
      for (RunView.JobView j : run.jobs()) {
        jobs.add(new Job(run.name(), j.name(), CheckStates.of(j), j.url()));
      }
    }
    return new Result(CheckStates.aggregate(states), jobs);
  }

  /**
   * The configured {@code to}, plus the submitter when allowed: {@code ignore_allowlist}, or an
   * address matching a {@code submitter_allowlist} regex as a whole, case aside. Each address
   * once, as first written.
   */
  public List<String> to(String submitterEmail) {
    Map<String, String> to = new LinkedHashMap<>();
    config.to().forEach(a -> to.putIfAbsent(a.toLowerCase(Locale.ROOT), a));
    if (submitterEmail != null && !submitterEmail.isBlank() && allowed(submitterEmail.strip())) {
      to.putIfAbsent(submitterEmail.strip().toLowerCase(Locale.ROOT), submitterEmail.strip());
    }
    return List.copyOf(to.values());
  }

  private boolean allowed(String address) {
    return config.ignoresAllowlist() || allowlist.stream().anyMatch(p -> p.matcher(address).matches());
  }

  /** The mail for {@code series}, whose pull request is {@code prUrl}, with a mailable {@code result}. */
  public Message compose(PwSeries series, String prUrl, Result result) {
    List<String> to = to(series.submitterEmail());
    List<String> lowerTo = to.stream().map(a -> a.toLowerCase(Locale.ROOT)).toList();
    List<String> cc = config.cc().stream().filter(a -> !lowerTo.contains(a.toLowerCase(Locale.ROOT))).distinct().toList();
    String thread = threadMsgid(series);
    List<String> refs = thread == null ? List.of() : List.of(thread);
    return new Message(config.from(), to, cc, subject(series), body(series, prUrl, result), thread, refs);
  }

  /** "Re: " and the cover letter's subject, or the first patch's without a cover, on one line. */
  static String subject(PwSeries s) {
    String name = s.coverName() != null ? s.coverName()
        : s.patches().isEmpty() ? s.name() : s.patches().get(0).name();
    String line = (name == null ? "" : name).replaceAll("[\\r\\n]+", " ").strip();
    return line.regionMatches(true, 0, "Re:", 0, 3) ? line : "Re: " + line;
  }

  /** The cover letter's Message-ID, or the first patch's; bare. Null when neither is known. */
  static String threadMsgid(PwSeries s) {
    String id = s.coverMsgid() != null ? s.coverMsgid() : s.patches().isEmpty() ? null : s.patches().get(0).msgid();
    if (id == null || id.isBlank()) {
      return null;
    }
    String t = id.strip();
    if (t.startsWith("<") && t.endsWith(">")) {
      t = t.substring(1, t.length() - 1);
    }
    return t;
  }

  static String body(PwSeries s, String prUrl, Result r) {
    boolean failed = r.state() == CheckState.FAIL;
    StringBuilder b = new StringBuilder();
    b.append("CI ").append(failed ? "failed" : "passed").append(" for this series.\n\n");
    b.append("Series:       ").append(SeriesName.subject(s.name())).append('\n');
    b.append("Version:      ").append(s.version()).append('\n');
    b.append("Result:       ").append(failed ? "failure" : "success").append('\n');
    if (s.webUrl() != null) {
      b.append("Patchwork:    ").append(s.webUrl()).append('\n');
    }
    b.append("Pull request: ").append(prUrl).append('\n');
    List<Job> jobs = new ArrayList<>(r.jobs());
    if (failed) {
      // stable: the failing jobs first, each group in run order
      jobs.sort(Comparator.comparing((Job j) -> j.state() != CheckState.FAIL));
    }
    if (!jobs.isEmpty()) {
      b.append('\n').append(failed ? "Jobs, failed first:\n" : "Jobs:\n");
      for (Job j : jobs) {
        b.append("  ").append(String.format(Locale.ROOT, "%-8s", j.state().wire())).append(' ')
            .append(j.workflow() == null ? "" : j.workflow() + " / ").append(j.name());
        if (j.url() != null) {
          b.append("\n           ").append(j.url());
        }
        b.append('\n');
      }
    }
    b.append("\nThe same results are checks on each patch of the series in Patchwork.\n");
    return b.toString();
  }

  private static List<Pattern> compile(List<String> regexes, int flags) {
    return regexes.stream().filter(r -> r != null).map(r -> Pattern.compile(r, flags)).toList();
  }
}
