package dev.patchflow.notify;

import dev.patchflow.config.NotificationsConfig;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Composes the mail about a failed test: recipients, text and threading. Pure. */
public final class FailureMails {
  private FailureMails() {}

  public static FailureMail compose(NotificationsConfig.OnFailure rule, String from, FailedTest t) {
    Map<String, String> values = Map.of("series", t.series(), "test", t.test(), "status", t.status(),
        "log_url", t.logUrl(), "series_url", t.seriesUrl(), "project", t.project());
    // one line: a name with a line break in it must not add header lines
    String subject = NoticeTemplate.render(rule.subjectOrDefault(), values).replaceAll("[\\r\\n]+", " ").strip();
    String body = NoticeTemplate.render(rule.bodyOrDefault(), values);
    Map<String, String> to = new LinkedHashMap<>(); // by lower case: each person once, as first written
    rule.to().forEach(a -> to.putIfAbsent(a.toLowerCase(Locale.ROOT), a));
    if (rule.submitterOrDefault() && t.submitter() != null && !t.submitter().isBlank()) {
      to.putIfAbsent(t.submitter().toLowerCase(Locale.ROOT), t.submitter());
    }
    if (rule.listOrDefault()) {
      t.listAddresses().forEach(a -> to.putIfAbsent(a.toLowerCase(Locale.ROOT), a));
    }
    List<String> refs = new ArrayList<>(t.threadRefs());
    if (t.threadMsgid() != null && !refs.contains(t.threadMsgid())) {
      refs.add(t.threadMsgid());
    }
    return new FailureMail(from, List.copyOf(to.values()), subject, body, t.threadMsgid(), refs);
  }
}
