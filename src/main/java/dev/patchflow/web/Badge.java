package dev.patchflow.web;

/**
 * A shields-style badge, "label | message", drawn as SVG without fonts or scripts of its own.
 * Text widths are estimated (there is no font to measure with), generously, so text never
 * spills out of its box.
 */
public record Badge(String label, String message, Colour colour) {
  /** The message's background. */
  public enum Colour {
    GREEN("#4c1"), RED("#e05d44"), BLUE("#007ec6"), GREY("#9f9f9f");

    final String hex;

    Colour(String hex) {
      this.hex = hex;
    }
  }

  private static final String LABEL_BACKGROUND = "#555";

  public String svg() {
    int lw = width(label);
    int mw = width(message);
    int w = lw + mw;
    String l = escape(label);
    String m = escape(message);
    return "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"" + w + "\" height=\"20\" role=\"img\" aria-label=\""
        + l + ": " + m + "\">"
        + "<title>" + l + ": " + m + "</title>"
        + "<rect width=\"" + lw + "\" height=\"20\" fill=\"" + LABEL_BACKGROUND + "\"/>"
        + "<rect x=\"" + lw + "\" width=\"" + mw + "\" height=\"20\" fill=\"" + colour.hex + "\"/>"
        + "<g fill=\"#fff\" text-anchor=\"middle\" font-family=\"Verdana,DejaVu Sans,sans-serif\" font-size=\"11\">"
        + "<text x=\"" + lw / 2 + "\" y=\"14\">" + l + "</text>"
        + "<text x=\"" + (lw + mw / 2) + "\" y=\"14\">" + m + "</text>"
        + "</g></svg>";
  }

  /** About 7 px a character at 11 px Verdana, plus 5 px each side. */
  static int width(String text) {
    return text.codePointCount(0, text.length()) * 7 + 10;
  }

  static String escape(String s) {
    StringBuilder b = new StringBuilder(s.length());
    s.codePoints().forEach(c -> {
      switch (c) {
        case '<' -> b.append("&lt;");
        case '>' -> b.append("&gt;");
        case '&' -> b.append("&amp;");
        case '"' -> b.append("&quot;");
        case '\'' -> b.append("&apos;");
        default -> {
          // characters XML 1.0 cannot carry at all are dropped rather than break the document
          if (c == 0x9 || c == 0xA || c == 0xD || (c >= 0x20 && c <= 0xD7FF) || (c >= 0xE000 && c <= 0xFFFD) || c > 0xFFFF) {
            b.appendCodePoint(c);
          }
        }
      }
    });
    return b.toString();
  }
}
