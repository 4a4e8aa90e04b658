package dev.patchflow.ci;

import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** RFC 8288 Link headers as Patchwork sends them: paging lives there, not in the body. */
final class PwLinks {
  private static final Pattern LINK = Pattern.compile("<([^>]*)>([^,<]*)");
  private static final Pattern REL = Pattern.compile(";\\s*rel\\s*=\\s*(\"[^\"]*\"|[^;\\s]*)", Pattern.CASE_INSENSITIVE);

  private PwLinks() {}

  /** The URL of the next page, or null on the last one. */
  static String next(List<String> headers) {
    for (String h : headers) {
      Matcher m = LINK.matcher(h);
      while (m.find()) {
        Matcher rel = REL.matcher(m.group(2));
        if (rel.find()) {
          for (String r : rel.group(1).replace("\"", "").toLowerCase(Locale.ROOT).split("\\s+")) {
            if (r.equals("next")) {
              return m.group(1).strip();
            }
          }
        }
      }
    }
    return null;
  }
}
