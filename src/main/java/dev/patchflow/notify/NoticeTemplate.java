package dev.patchflow.notify;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Fills "{name}" placeholders. Unknown names stay as written, so a typo shows in the mail
 * instead of silently vanishing; values are inserted as they are, never read as placeholders.
 */
public final class NoticeTemplate {
  private static final Pattern PLACEHOLDER = Pattern.compile("\\{([a-z_]+)}");

  private NoticeTemplate() {}

  public static String render(String template, Map<String, String> values) {
    Matcher m = PLACEHOLDER.matcher(template);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String v = values.get(m.group(1));
      m.appendReplacement(out, Matcher.quoteReplacement(v == null ? m.group() : v));
    }
    m.appendTail(out);
    return out.toString();
  }
}
