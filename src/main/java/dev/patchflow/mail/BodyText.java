package dev.patchflow.mail;

import java.util.List;
import java.util.Locale;

/**
 * The text a reader of the mail sees, from a MIME tree: text/plain parts, and attachments that
 * carry a patch (text/x-patch, text/x-diff, or octet-stream named *.patch / *.diff or holding a
 * diff). HTML is used only when nothing else is there.
 */
final class BodyText {
  private BodyText() {}

  static String of(MimePart root) {
    StringBuilder out = new StringBuilder();
    collect(root, out);
    if (out.length() == 0) {
      collectHtml(root, out);
    }
    return out.toString().replace("\r\n", "\n").replace('\r', '\n');
  }

  private static void collect(MimePart part, StringBuilder out) {
    String type = part.type().value();
    if (!part.children().isEmpty()) {
      List<MimePart> children = part.children();
      if (type.equals("multipart/alternative")) {
        for (MimePart c : children) {
          if (c.type().value().equals("text/plain") || !c.children().isEmpty()) {
            collect(c, out);
            return;
          }
        }
      }
      if (type.equals("message/rfc822")) {
        return; // a forwarded mail is kept in the raw copy, not folded into this one's text
      }
      for (MimePart c : children) {
        collect(c, out);
      }
      return;
    }
    if (isWanted(part)) {
      if (out.length() > 0 && out.charAt(out.length() - 1) != '\n') {
        out.append('\n');
      }
      out.append(part.text());
    }
  }

  private static boolean isWanted(MimePart part) {
    String type = part.type().value();
    String name = part.filename() == null ? "" : part.filename().toLowerCase(Locale.ROOT);
    boolean patchName = name.endsWith(".patch") || name.endsWith(".diff");
    switch (type) {
      case "text/plain":
        return !part.isAttachment() || patchName || looksLikeDiff(part);
      case "text/x-patch", "text/x-diff", "text/x-csrc", "application/x-patch",
           "application/x-diff", "text/diff", "text/patch":
        return true;
      case "application/octet-stream":
        return patchName || looksLikeDiff(part);
      default:
        return type.isEmpty() || (!type.contains("/") && !part.isAttachment());
    }
  }

  private static boolean looksLikeDiff(MimePart part) {
    String t = part.text();
    return t.startsWith("diff ") || t.contains("\ndiff --git ") || t.startsWith("From ")
        || (t.contains("\n--- ") && t.contains("\n+++ ") && t.contains("\n@@ "));
  }

  private static void collectHtml(MimePart part, StringBuilder out) {
    if (!part.children().isEmpty()) {
      part.children().forEach(c -> collectHtml(c, out));
    } else if (part.type().value().equals("text/html")) {
      out.append(part.text().replaceAll("(?s)<[^>]*>", "")).append('\n');
    }
  }
}
