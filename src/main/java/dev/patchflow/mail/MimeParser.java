package dev.patchflow.mail;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;

/**
 * A lenient MIME parser over raw bytes. Real list mail is often broken (missing boundaries,
 * bad base64, 8-bit headers); this parser never throws on content and recovers what it can.
 */
public final class MimeParser {
  private static final int MAX_DEPTH = 20;

  private MimeParser() {}

  /** Parses a whole message or part; headers end at the first empty line. */
  public static MimePart parse(byte[] raw) {
    return parse(raw, 0, raw.length, 0);
  }

  /** The header block only (for the cheap look at a message before full parsing). */
  public static Headers parseHeaders(byte[] raw) {
    return readHeaders(raw, 0, raw.length).headers();
  }

  private record HeaderBlock(Headers headers, int bodyStart) {}

  private static MimePart parse(byte[] raw, int from, int to, int depth) {
    HeaderBlock hb = readHeaders(raw, from, to);
    Headers headers = hb.headers();
    ContentType type = ContentType.parse(headers.first("Content-Type").orElse(null));
    ContentType disp = ContentType.parse(headers.first("Content-Disposition").orElse(null));
    String filename = disp.param("filename");
    if (filename == null) {
      filename = type.param("name");
    }
    String disposition = headers.first("Content-Disposition").isPresent() ? disp.value() : null;
    if (type.isMultipart() && depth < MAX_DEPTH) {
      String boundary = type.param("boundary");
      if (boundary != null && !boundary.isEmpty()) {
        List<MimePart> children = new ArrayList<>();
        for (int[] range : splitMultipart(raw, hb.bodyStart(), to, boundary)) {
          children.add(parse(raw, range[0], range[1], depth + 1));
        }
        if (!children.isEmpty()) {
          return new MimePart(headers, type, disposition, filename, new byte[0], children);
        }
      }
      // A multipart without a usable boundary: treat its body as plain text so nothing is lost.
      type = ContentType.TEXT_PLAIN;
    }
    if (type.value().equals("message/rfc822") && depth < MAX_DEPTH) {
      MimePart inner = parse(raw, hb.bodyStart(), to, depth + 1);
      return new MimePart(headers, type, disposition, filename, new byte[0], List.of(inner));
    }
    String encoding =
        headers.first("Content-Transfer-Encoding").orElse("7bit").toLowerCase(Locale.ROOT).strip();
    byte[] body = decodeTransfer(raw, hb.bodyStart(), to, encoding);
    return new MimePart(headers, type, disposition, filename, body, List.of());
  }

  private static HeaderBlock readHeaders(byte[] raw, int from, int to) {
    List<Header> fields = new ArrayList<>();
    int pos = from;
    String name = null;
    StringBuilder value = null;
    while (pos < to) {
      int eol = indexOf(raw, (byte) '\n', pos, to);
      int lineEnd = eol < 0 ? to : eol;
      int next = eol < 0 ? to : eol + 1;
      int contentEnd = lineEnd > pos && raw[lineEnd - 1] == '\r' ? lineEnd - 1 : lineEnd;
      if (contentEnd == pos) {
        pos = next;
        break; // the empty line that ends the header block
      }
      String line = Charsets.decodeHeaderBytes(raw, pos, contentEnd);
      if ((line.charAt(0) == ' ' || line.charAt(0) == '\t') && name != null) {
        value.append(' ').append(line.strip());
      } else if (pos == from && line.startsWith("From ")) {
        // mbox separator line left on the message: not a header.
      } else {
        int colon = line.indexOf(':');
        if (colon > 0 && isFieldName(line, colon)) {
          if (name != null) {
            fields.add(new Header(name, value.toString()));
          }
          name = line.substring(0, colon).strip();
          value = new StringBuilder(line.substring(colon + 1).strip());
        } else if (fields.isEmpty() && name == null) {
          // Not a header at all: the message has no header block, the whole thing is body.
          return new HeaderBlock(new Headers(fields), from);
        }
        // Otherwise a malformed line inside the headers: skipped, the rest is still read.
      }
      pos = next;
    }
    if (name != null) {
      fields.add(new Header(name, value.toString()));
    }
    return new HeaderBlock(new Headers(fields), Math.min(pos, to));
  }

  private static boolean isFieldName(String line, int colon) {
    for (int i = 0; i < colon; i++) {
      char c = line.charAt(i);
      if (c <= ' ' || c > '~') {
        // allow a trailing space before the colon ("Subject :"), seen in the wild
        return line.substring(i, colon).isBlank() && i > 0;
      }
    }
    return true;
  }

  private static List<int[]> splitMultipart(byte[] raw, int from, int to, String boundary) {
    byte[] delim = ("--" + boundary).getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
    List<int[]> parts = new ArrayList<>();
    int partStart = -1;
    int pos = from;
    while (pos < to) {
      int eol = indexOf(raw, (byte) '\n', pos, to);
      int next = eol < 0 ? to : eol + 1;
      if (startsWith(raw, pos, to, delim)) {
        int after = pos + delim.length;
        boolean closing = after + 1 < to && raw[after] == '-' && raw[after + 1] == '-';
        if (partStart >= 0) {
          parts.add(new int[] {partStart, trimLineBreak(raw, partStart, pos)});
        }
        if (closing) {
          return parts;
        }
        partStart = next;
      }
      pos = next;
    }
    if (partStart >= 0 && partStart < to) {
      parts.add(new int[] {partStart, to}); // no closing boundary: keep what we have
    }
    return parts;
  }

  /** The line break before a boundary belongs to the boundary, not to the part. */
  private static int trimLineBreak(byte[] raw, int start, int end) {
    if (end > start && raw[end - 1] == '\n') {
      end--;
      if (end > start && raw[end - 1] == '\r') {
        end--;
      }
    }
    return end;
  }

  static byte[] decodeTransfer(byte[] raw, int from, int to, String encoding) {
    byte[] slice = java.util.Arrays.copyOfRange(raw, from, to);
    if (encoding.equals("base64")) {
      return decodeBase64(slice);
    }
    if (encoding.equals("quoted-printable")) {
      return decodeQuotedPrintable(slice);
    }
    return slice;
  }

  private static byte[] decodeBase64(byte[] in) {
    // Keep only alphabet characters; stop at padding. Broken base64 yields what decodes.
    ByteArrayOutputStream clean = new ByteArrayOutputStream(in.length);
    for (byte b : in) {
      if ((b >= 'A' && b <= 'Z') || (b >= 'a' && b <= 'z') || (b >= '0' && b <= '9')
          || b == '+' || b == '/') {
        clean.write(b);
      } else if (b == '=') {
        break;
      }
    }
    byte[] chars = clean.toByteArray();
    int usable = chars.length - (chars.length % 4 == 1 ? 1 : 0);
    try {
      return Base64.getDecoder().decode(padded(chars, usable));
    } catch (IllegalArgumentException e) {
      return in; // cannot happen after cleaning, but never lose the bytes
    }
  }

  private static byte[] padded(byte[] chars, int len) {
    int pad = (4 - len % 4) % 4;
    byte[] out = java.util.Arrays.copyOf(chars, len + pad);
    for (int i = len; i < out.length; i++) {
      out[i] = '=';
    }
    return out;
  }

  private static byte[] decodeQuotedPrintable(byte[] in) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(in.length);
    for (int i = 0; i < in.length; i++) {
      byte b = in[i];
      if (b != '=') {
        out.write(b);
        continue;
      }
      if (i + 1 < in.length && in[i + 1] == '\n') {
        i += 1; // soft line break
      } else if (i + 2 < in.length && in[i + 1] == '\r' && in[i + 2] == '\n') {
        i += 2;
      } else if (i + 2 < in.length && hex(in[i + 1]) >= 0 && hex(in[i + 2]) >= 0) {
        out.write(hex(in[i + 1]) * 16 + hex(in[i + 2]));
        i += 2;
      } else {
        out.write(b); // a stray '=' stays as it was
      }
    }
    return out.toByteArray();
  }

  private static int hex(byte b) {
    return Character.digit((char) b, 16);
  }

  static int indexOf(byte[] a, byte b, int from, int to) {
    for (int i = from; i < to; i++) {
      if (a[i] == b) {
        return i;
      }
    }
    return -1;
  }

  private static boolean startsWith(byte[] a, int pos, int to, byte[] prefix) {
    if (to - pos < prefix.length) {
      return false;
    }
    for (int i = 0; i < prefix.length; i++) {
      if (a[pos + i] != prefix[i]) {
        return false;
      }
    }
    return true;
  }
}
