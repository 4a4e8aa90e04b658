package dev.patchflow.mail;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** RFC 2047 encoded-word decoding ({@code =?charset?B|Q?text?=}), lenient about bad input. */
public final class EncodedWords {
  private static final Pattern WORD =
      Pattern.compile("=\\?([^?\\s]+)\\?([bBqQ])\\?([^?\\s]*)\\?=");
  private static final Pattern BETWEEN_WORDS = Pattern.compile("\\s+");

  private EncodedWords() {}

  public static String decode(String raw) {
    if (raw.indexOf("=?") < 0) {
      return raw;
    }
    Matcher m = WORD.matcher(raw);
    StringBuilder out = new StringBuilder(raw.length());
    int last = 0;
    boolean previousWasEncoded = false;
    while (m.find()) {
      String gap = raw.substring(last, m.start());
      // Whitespace between two adjacent encoded words is not part of the text (RFC 2047 6.2).
      if (!(previousWasEncoded && BETWEEN_WORDS.matcher(gap).matches())) {
        out.append(gap);
      }
      out.append(decodeWord(m.group(1), m.group(2), m.group(3), m.group()));
      last = m.end();
      previousWasEncoded = true;
    }
    out.append(raw, last, raw.length());
    return out.toString();
  }

  private static String decodeWord(String charset, String encoding, String text, String whole) {
    byte[] bytes;
    if (encoding.equalsIgnoreCase("B")) {
      try {
        bytes = Base64.getMimeDecoder().decode(text.replaceAll("=+$", ""));
      } catch (IllegalArgumentException e) {
        return whole;
      }
    } else {
      bytes = qDecode(text);
    }
    // RFC 2231 allows a language suffix: charset*lang
    int star = charset.indexOf('*');
    String cs = star >= 0 ? charset.substring(0, star) : charset;
    return Charsets.decode(bytes, cs);
  }

  private static byte[] qDecode(String text) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(text.length());
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '_') {
        out.write(' ');
      } else if (c == '=' && isHex(text, i + 1) && isHex(text, i + 2)) {
        out.write(Integer.parseInt(text.substring(i + 1, i + 3), 16));
        i += 2;
      } else {
        byte[] b = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
        out.write(b, 0, b.length);
      }
    }
    return out.toByteArray();
  }

  private static boolean isHex(String s, int i) {
    return i < s.length() && Character.digit(s.charAt(i), 16) >= 0;
  }
}
