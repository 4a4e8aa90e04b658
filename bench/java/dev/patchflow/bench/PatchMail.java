package dev.patchflow.bench;

import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * One mail of the corpus as it goes into the mbox: its text starts with the mbox "From " line.
 * The header values are what replies and ordering need.
 */
record PatchMail(String messageId, String subject, Instant date, List<String> references, String text) {
  PatchMail {
    references = List.copyOf(references);
  }

  /** Reads the few headers we need from a mail written by git format-patch. */
  static PatchMail of(String text) {
    String messageId = null;
    String subject = null;
    Instant date = null;
    List<String> references = List.of();
    for (String h : unfoldedHeaders(text)) {
      int colon = h.indexOf(':');
      if (colon < 0) {
        continue;
      }
      String name = h.substring(0, colon).trim();
      String value = h.substring(colon + 1).trim();
      if (name.equalsIgnoreCase("Message-Id")) {
        messageId = value;
      } else if (name.equalsIgnoreCase("Subject")) {
        subject = value;
      } else if (name.equalsIgnoreCase("Date")) {
        date = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
      } else if (name.equalsIgnoreCase("References")) {
        references = Arrays.asList(value.split("\\s+"));
      }
    }
    if (messageId == null || subject == null || date == null) {
      throw new IllegalStateException("format-patch output lacks Message-Id, Subject or Date:\n" + text);
    }
    return new PatchMail(messageId, subject, date, references, text);
  }

  /** The body: what follows the first blank line. */
  String body() {
    int end = text.indexOf("\n\n");
    return end < 0 ? "" : text.substring(end + 2);
  }

  private static List<String> unfoldedHeaders(String text) {
    List<String> out = new ArrayList<>();
    String[] lines = text.split("\n", -1);
    for (int i = 1; i < lines.length && !lines[i].isEmpty(); i++) { // line 0 is the mbox "From " line
      String line = lines[i];
      if ((line.startsWith(" ") || line.startsWith("\t")) && !out.isEmpty()) {
        out.set(out.size() - 1, out.get(out.size() - 1) + " " + line.trim());
      } else {
        out.add(line);
      }
    }
    return out;
  }
}
