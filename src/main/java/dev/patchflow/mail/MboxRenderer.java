package dev.patchflow.mail;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

/**
 * Writes a tracked patch back out as a mail `git am` applies: the author in From, the
 * original subject, the commit message with trailers from replies folded in above "---", then
 * the diff. Pure.
 */
public final class MboxRenderer {
  private static final DateTimeFormatter DATE =
      DateTimeFormatter.ofPattern("EEE, d MMM yyyy HH:mm:ss Z", Locale.ROOT).withZone(ZoneOffset.UTC);

  /** One mail to write. {@code extraHeaders} are "Name: value" lines (X-Patchwork-Id...). */
  public record Entry(Person author, Instant date, String subject, String messageId, String content, String diff,
      List<Trailer> folded, List<String> extraHeaders) {}

  private MboxRenderer() {}

  public static String render(List<Entry> entries) {
    StringBuilder out = new StringBuilder();
    for (Entry e : entries) {
      out.append("From patchflow Mon Sep 17 00:00:00 2001\n");
      out.append("From: ").append(address(e.author())).append('\n');
      out.append("Date: ").append(DATE.format(e.date())).append('\n');
      out.append("Subject: ").append(oneLine(e.subject())).append('\n');
      out.append("Message-Id: <").append(e.messageId()).append(">\n");
      for (String h : e.extraHeaders()) {
        out.append(oneLine(h)).append('\n');
      }
      out.append("MIME-Version: 1.0\nContent-Type: text/plain; charset=\"utf-8\"\nContent-Transfer-Encoding: 8bit\n\n");
      String body = fold(e.content() == null ? "" : e.content(), e.folded());
      out.append(escapeFrom(body));
      if (!body.endsWith("\n")) {
        out.append('\n');
      }
      if (e.diff() != null && !e.diff().isEmpty()) {
        if (!body.contains("\n---\n") && !body.startsWith("---\n") && !body.endsWith("\n---")) {
          out.append("---\n");
        }
        out.append(escapeFrom(e.diff()));
        if (!e.diff().endsWith("\n")) {
          out.append('\n');
        }
      }
      out.append('\n');
    }
    return out.toString();
  }

  /** Puts trailers not already present after the last trailer line, above the "---" line. */
  static String fold(String content, List<Trailer> extra) {
    List<Trailer> missing = extra.stream().filter(t -> !content.contains(t.toString())).distinct().toList();
    if (missing.isEmpty()) {
      return content;
    }
    String[] lines = content.split("\n", -1);
    int separator = lines.length;
    for (int i = 0; i < lines.length; i++) {
      if (lines[i].equals("---")) {
        separator = i;
        break;
      }
    }
    int end = separator;
    while (end > 0 && lines[end - 1].isBlank()) {
      end--;
    }
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < end; i++) {
      b.append(lines[i]).append('\n');
    }
    boolean hasTrailers = end > 0 && !TrailerParser.parse(lines[end - 1]).isEmpty();
    if (!hasTrailers && end > 0) {
      b.append('\n');
    }
    missing.forEach(t -> b.append(t).append('\n'));
    for (int i = end; i < lines.length; i++) {
      b.append(lines[i]);
      if (i < lines.length - 1) {
        b.append('\n');
      }
    }
    return b.toString();
  }

  private static String address(Person p) {
    if (p.name().isEmpty()) {
      return p.email();
    }
    String name = p.name().matches("[\\w .'-]*") ? p.name() : "\"" + p.name().replace("\"", "\\\"") + "\"";
    return name + " <" + p.email() + ">";
  }

  private static String oneLine(String s) {
    return s.replace('\r', ' ').replace('\n', ' ');
  }

  /** mboxrd: a body line starting "From " (or ">From ") gets one more '>'. */
  private static String escapeFrom(String text) {
    return text.replaceAll("(?m)^(>*From )", ">$1");
  }
}
