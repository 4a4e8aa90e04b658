package dev.patchflow.intake;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * Deterministic damage to mail bytes, for fuzzing the parser and the importer. Each
 * {@link Mutation} is a kind plus a salt; the same mutation applied to the same bytes always
 * gives the same result, so a failing case is reproduced from its {@link Case#toString()}.
 */
final class MailMutations {
  private MailMutations() {}

  /** What a mutation does; the weight is how often {@link #randomCase} picks it. */
  enum Kind {
    TRUNCATE(6),
    DELETE_LINES(4),
    DUPLICATE_LINES(4),
    SWAP_LINES(4),
    CORRUPT_HEADER_NAME(5),
    CORRUPT_HEADER_VALUE(5),
    INSERT_BYTES(6),
    BREAK_BOUNDARY(4),
    DROP_CLOSING_BOUNDARY(3),
    NEST_MULTIPART(3),
    BOGUS_TRANSFER_ENCODING(3),
    BROKEN_BASE64(3),
    BROKEN_QUOTED_PRINTABLE(3),
    BAD_CHARSET(4),
    BAD_ENCODED_WORD(4),
    LONG_HEADER(3),
    LONG_MESSAGE_ID(3),
    LINE_ENDINGS(4),
    HUGE_NUMBER(3),
    STRIP_PART(2),
    EMPTY(1);

    final int weight;

    Kind(int weight) {
      this.weight = weight;
    }
  }

  /** One mutation: its kind and the salt of the random choices it makes. */
  record Mutation(Kind kind, long salt) {
    byte[] apply(byte[] in) {
      return MailMutations.apply(kind, in, new Random(salt));
    }

    @Override
    public String toString() {
      return kind + "#" + salt;
    }
  }

  /** A seed mail from the corpus. */
  record Seed(String name, byte[] bytes) {
    @Override
    public String toString() {
      return name;
    }
  }

  /** A seed and the mutations applied to it, in order. */
  record Case(Seed seed, List<Mutation> mutations) {
    Case {
      mutations = List.copyOf(mutations);
    }

    byte[] mail() {
      byte[] b = seed.bytes();
      for (Mutation m : mutations) {
        b = m.apply(b);
      }
      return b;
    }

    @Override
    public String toString() {
      return "seed " + seed.name() + ", mutations " + mutations;
    }

    /** The case a failure message names ("seed NAME, mutations [KIND#SALT, ...]"), to reproduce it. */
    static Case of(String description, List<Seed> seeds) {
      java.util.regex.Matcher m = java.util.regex.Pattern.compile("seed (\\S+), mutations \\[(.*)]").matcher(description);
      if (!m.find()) {
        throw new IllegalArgumentException("not a case description: " + description);
      }
      Seed seed = seeds.stream().filter(s -> s.name().equals(m.group(1))).findFirst()
          .orElseThrow(() -> new IllegalArgumentException("no seed " + m.group(1)));
      List<Mutation> ms = new ArrayList<>();
      for (String part : m.group(2).split(", ")) {
        int hash = part.indexOf('#');
        ms.add(new Mutation(Kind.valueOf(part.substring(0, hash)), Long.parseLong(part.substring(hash + 1))));
      }
      return new Case(seed, ms);
    }
  }

  /** A case drawn from {@code r}: a seed and 1 to 4 weighted mutations. */
  static Case randomCase(List<Seed> seeds, Random r) {
    Seed seed = seeds.get(r.nextInt(seeds.size()));
    int n = 1 + r.nextInt(4);
    List<Mutation> ms = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      ms.add(new Mutation(weightedKind(r), r.nextLong()));
    }
    return new Case(seed, ms);
  }

  static Kind weightedKind(Random r) {
    int total = Arrays.stream(Kind.values()).mapToInt(k -> k.weight).sum();
    int pick = r.nextInt(total);
    for (Kind k : Kind.values()) {
      pick -= k.weight;
      if (pick < 0) {
        return k;
      }
    }
    throw new AssertionError("unreachable");
  }

  static byte[] apply(Kind kind, byte[] in, Random r) {
    return switch (kind) {
      case TRUNCATE -> truncate(in, r);
      case DELETE_LINES -> deleteLines(in, r);
      case DUPLICATE_LINES -> duplicateLines(in, r);
      case SWAP_LINES -> swapLines(in, r);
      case CORRUPT_HEADER_NAME -> corruptHeaderName(in, r);
      case CORRUPT_HEADER_VALUE -> corruptHeaderValue(in, r);
      case INSERT_BYTES -> insertBytes(in, r);
      case BREAK_BOUNDARY -> breakBoundary(in, r);
      case DROP_CLOSING_BOUNDARY -> dropClosingBoundary(in, r);
      case NEST_MULTIPART -> nestMultipart(in, r);
      case BOGUS_TRANSFER_ENCODING -> bogusTransferEncoding(in, r);
      case BROKEN_BASE64 -> brokenBase64(in, r);
      case BROKEN_QUOTED_PRINTABLE -> brokenQuotedPrintable(in, r);
      case BAD_CHARSET -> badCharset(in, r);
      case BAD_ENCODED_WORD -> badEncodedWord(in, r);
      case LONG_HEADER -> longHeader(in, r);
      case LONG_MESSAGE_ID -> longMessageId(in, r);
      case LINE_ENDINGS -> lineEndings(in, r);
      case HUGE_NUMBER -> hugeNumber(in, r);
      case STRIP_PART -> stripPart(in, r);
      case EMPTY -> empty(r);
    };
  }

  // ---------------------------------------------------------------- the mutations

  private static byte[] truncate(byte[] in, Random r) {
    if (in.length == 0) {
      return in;
    }
    int cut;
    if (r.nextInt(3) == 0) {
      int end = headerEndOffset(in); // inside the header block, where it hurts most
      cut = r.nextInt(Math.max(1, end) + 1);
    } else {
      cut = r.nextInt(in.length + 1);
    }
    return Arrays.copyOf(in, Math.min(cut, in.length));
  }

  private static byte[] deleteLines(byte[] in, Random r) {
    List<byte[]> lines = lines(in);
    if (lines.isEmpty()) {
      return in;
    }
    if (r.nextBoolean()) {
      int start = r.nextInt(lines.size());
      int len = 1 + r.nextInt(Math.min(8, lines.size() - start));
      lines.subList(start, start + len).clear();
    } else {
      int k = 1 + r.nextInt(Math.min(5, lines.size()));
      for (int i = 0; i < k && !lines.isEmpty(); i++) {
        lines.remove(pickLine(lines, r));
      }
    }
    return join(lines);
  }

  private static byte[] duplicateLines(byte[] in, Random r) {
    List<byte[]> lines = lines(in);
    if (lines.isEmpty()) {
      return in;
    }
    int k = 1 + r.nextInt(3);
    for (int i = 0; i < k; i++) {
      byte[] line = lines.get(pickLine(lines, r));
      int times = 1 + r.nextInt(r.nextInt(10) == 0 ? 200 : 3);
      times = Math.max(1, Math.min(times, 200_000 / Math.max(1, line.length))); // a few hundred KB at most
      int at = r.nextInt(lines.size() + 1);
      for (int t = 0; t < times; t++) {
        lines.add(at, line);
      }
    }
    return join(lines);
  }

  private static byte[] swapLines(byte[] in, Random r) {
    List<byte[]> lines = lines(in);
    if (lines.size() < 2) {
      return in;
    }
    int k = 1 + r.nextInt(3);
    for (int i = 0; i < k; i++) {
      int a = pickLine(lines, r);
      int b = r.nextInt(lines.size());
      byte[] t = lines.get(a);
      lines.set(a, lines.get(b));
      lines.set(b, t);
    }
    return join(lines);
  }

  private static byte[] corruptHeaderName(byte[] in, Random r) {
    List<byte[]> lines = lines(in);
    int i = pickHeaderLine(lines, r);
    if (i < 0) {
      return insertBytes(in, r);
    }
    String line = latin1(lines.get(i));
    int colon = line.indexOf(':');
    String name = line.substring(0, colon);
    String rest = line.substring(colon); // ":" value and line break
    String out = switch (r.nextInt(9)) {
      case 0 -> name + rest.substring(1); // no colon
      case 1 -> insertAt(name, r, pick(r, " ", "\t", "\0", "\u00ff", "\u00e9", "\u0080", "(", "\"")) + rest;
      case 2 -> randomPrintable(r, 1 + r.nextInt(20)) + rest;
      case 3 -> rest; // ": value", no name
      case 4 -> pick(r, " ", "\t", "  ") + line; // now a continuation of the previous header
      case 5 -> randomCase(name, r) + rest;
      case 6 -> pick(r, "From", "Subject", "Message-ID", "Content-Type", "Content-Transfer-Encoding",
          "In-Reply-To", "References", "List-Id", "Date", "X-Patchwork-Hint", "Content-Disposition") + rest;
      case 7 -> name + " " + rest; // "Subject :"
      default -> "\u00ff\u00fe" + name + "\0" + rest;
    };
    lines.set(i, latin1(out));
    return join(lines);
  }

  private static byte[] corruptHeaderValue(byte[] in, Random r) {
    List<byte[]> lines = lines(in);
    int i = pickHeaderLine(lines, r);
    if (i < 0) {
      return insertBytes(in, r);
    }
    String line = latin1(lines.get(i));
    int colon = line.indexOf(':');
    String name = line.substring(0, colon);
    String eol = eolOf(line);
    String value = line.substring(colon + 1, line.length() - eol.length());
    String v = switch (r.nextInt(14)) {
      case 0 -> "";
      case 1 -> "   \t ";
      case 2 -> latin1(randomBytes(r, 1 + r.nextInt(60)));
      case 3 -> pick(r, "<", ">", "<<>>", "<@>", "<>", "< >", "\"", "\"unterminated <a@b", "(comment", "=?", "?=");
      case 4 -> new StringBuilder(value).reverse().toString();
      case 5 -> insertAt(value, r, "\0");
      case 6 -> value + value + value;
      case 7 -> " Mon, 99 Foo 99999 99:99:99 +9999";
      case 8 -> " " + pick(r, "[PATCH 0/0]", "[PATCH 99999/0] x", "Re: [PATCH v0 0/1]", "[PATCH v99999 1/2] x",
          "[", "]", "[[[[", "Re:", "Re: Re: Fwd: [", "[PATCH 3 of 0] x", "x (v0)");
      case 9 -> value.replace("<", "").replace(">", "");
      case 10 -> value.replace("@", "");
      case 11 -> insertAt(value, r, pick(r, "\r", "\u00ff", "\u00c3", ";", ",", "\"", "=?utf-8?Q?"));
      case 12 -> value.isEmpty() ? value : value.substring(0, r.nextInt(value.length()));
      default -> " " + randomPrintable(r, 1 + r.nextInt(200));
    };
    lines.set(i, latin1(name + ":" + v + eol));
    return join(lines);
  }

  private static byte[] insertBytes(byte[] in, Random r) {
    int k = 1 + r.nextInt(4);
    byte[] out = in;
    for (int i = 0; i < k; i++) {
      byte[] payload = switch (r.nextInt(8)) {
        case 0 -> new byte[] {0};
        case 1 -> new byte[] {(byte) 0xFF};
        case 2 -> new byte[] {'\r'};
        case 3 -> pickBytes(r, "\n\n", "\r\n\r\n", "\n \n", "\n--\n", "\n-- \n", ":", "\n:\n", "<", ">", "=?", "?=", "\"");
        case 4 -> new byte[][] {
            {(byte) 0xE2, (byte) 0x82}, // truncated UTF-8
            {(byte) 0xED, (byte) 0xA0, (byte) 0x80}, // an encoded surrogate
            {(byte) 0xC0, (byte) 0x80}, // overlong NUL
            {(byte) 0xF8, (byte) 0x88, (byte) 0x80, (byte) 0x80, (byte) 0x80},
            {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}, // BOM
            {(byte) 0x81, (byte) 0x8D, (byte) 0x8F, (byte) 0x90, (byte) 0x9D}, // undefined in windows-1252
        }[r.nextInt(6)];
        default -> randomBytes(r, 1 + r.nextInt(16));
      };
      int at = out.length == 0 ? 0 : r.nextInt(out.length + 1);
      out = splice(out, at, at, payload);
    }
    return out;
  }

  private static byte[] breakBoundary(byte[] in, Random r) {
    List<byte[]> lines = lines(in);
    List<Integer> withBoundary = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      if (latin1(lines.get(i)).toLowerCase(Locale.ROOT).contains("boundary=")) {
        withBoundary.add(i);
      }
    }
    if (withBoundary.isEmpty() || r.nextInt(5) == 0) {
      // Declare a multipart the body does not follow.
      String type = pick(r, "multipart/mixed", "multipart/alternative", "multipart/signed", "multipart/",
          "MULTIPART/MIXED", "message/rfc822", "multipart/digest");
      String params = pick(r, "", "; boundary=\"=_not-there\"", "; boundary=", "; boundary=\"\"", "; boundary=-",
          "; boundary=\"--\"", "; boundary=\"\u00ff\"", "; boundary=\"unterminated", "; boundary=" + "b".repeat(5000));
      return setHeader(lines, "Content-Type", " " + type + params, r);
    }
    int i = withBoundary.get(r.nextInt(withBoundary.size()));
    String line = latin1(lines.get(i));
    int at = line.toLowerCase(Locale.ROOT).indexOf("boundary=");
    String eol = eolOf(line);
    String before = line.substring(0, at);
    String after = line.substring(at + "boundary=".length(), line.length() - eol.length());
    String value;
    String tail;
    if (after.startsWith("\"")) {
      int close = after.indexOf('"', 1);
      value = close > 0 ? after.substring(1, close) : after.substring(1);
      tail = close > 0 ? after.substring(close + 1) : "";
    } else {
      int semi = after.indexOf(';');
      value = semi >= 0 ? after.substring(0, semi) : after;
      tail = semi >= 0 ? after.substring(semi) : "";
    }
    String replaced = switch (r.nextInt(9)) {
      case 0 -> before + tail; // boundary parameter removed
      case 1 -> before + "boundary=\"\"" + tail;
      case 2 -> before + "boundary=" + tail;
      case 3 -> before + "boundary=\"" + randomPrintable(r, 1 + r.nextInt(30)).replace("\"", "") + "\"" + tail;
      case 4 -> before + "boundary=\"" + value + tail; // unbalanced quote
      case 5 -> before + "boundary=\"" + (value.isEmpty() ? "x" : value.substring(0, 1)) + "\"" + tail; // matches too much
      case 6 -> before + "boundary=\"" + value + "\"; boundary=\"other\"" + tail;
      case 7 -> before + "boundary*=utf-8''" + value + tail;
      default -> before.replace(";", "") + "boundary=\"" + value + "\"" + tail; // no separator
    };
    lines.set(i, latin1(replaced + eol));
    return join(lines);
  }

  private static byte[] dropClosingBoundary(byte[] in, Random r) {
    List<byte[]> lines = lines(in);
    List<Integer> closing = new ArrayList<>();
    List<Integer> delimiters = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      String s = latin1(lines.get(i)).stripTrailing();
      if (s.startsWith("--") && s.length() > 2) {
        delimiters.add(i);
        if (s.endsWith("--") && s.length() > 4) {
          closing.add(i);
        }
      }
    }
    if (delimiters.isEmpty()) {
      return truncate(in, r);
    }
    switch (r.nextInt(4)) {
      case 0, 1 -> {
        List<Integer> from = closing.isEmpty() ? delimiters : closing;
        int i = from.get(r.nextInt(from.size()));
        lines.remove(i);
      }
      case 2 -> {
        for (int k = closing.size() - 1; k >= 0; k--) {
          lines.remove((int) closing.get(k));
        }
      }
      default -> {
        // Cut the mail right after an opening delimiter.
        int i = delimiters.get(r.nextInt(delimiters.size()));
        lines.subList(i + 1, lines.size()).clear();
      }
    }
    return join(lines);
  }

  private static byte[] nestMultipart(byte[] in, Random r) {
    List<byte[]> lines = lines(in);
    int hc = headerCount(lines);
    String eol = eolOfMail(lines);
    int depth = 1 + r.nextInt(r.nextBoolean() ? 5 : 60);
    boolean sameBoundary = r.nextInt(4) == 0;
    boolean closeThem = r.nextBoolean();
    boolean rfc822 = r.nextInt(4) == 0;
    StringBuilder open = new StringBuilder();
    StringBuilder close = new StringBuilder();
    for (int d = 1; d < depth; d++) {
      String b = sameBoundary ? "nest" : "nest" + d;
      if (rfc822 && d % 2 == 0) {
        open.append("Content-Type: message/rfc822").append(eol).append(eol);
        continue;
      }
      open.append("--").append(sameBoundary ? "nest" : "nest" + (d - 1)).append(eol)
          .append("Content-Type: multipart/").append(pick(r, "mixed", "alternative", "related"))
          .append("; boundary=\"").append(b).append('"').append(eol).append(eol);
      if (closeThem) {
        close.insert(0, "--" + (sameBoundary ? "nest" : "nest" + (d - 1)) + "--" + eol);
      }
    }
    String innerBoundary = sameBoundary ? "nest" : "nest" + (depth - 1);
    List<byte[]> headers = new ArrayList<>(lines.subList(0, hc));
    headers.removeIf(l -> latin1(l).toLowerCase(Locale.ROOT).startsWith("content-type:"));
    ByteArrayOutputStream out = new ByteArrayOutputStream(in.length + 256);
    headers.forEach(out::writeBytes);
    out.writeBytes(latin1("Content-Type: multipart/mixed; boundary=\"nest0\"" + eol + eol));
    out.writeBytes(latin1(open.toString()));
    out.writeBytes(latin1("--" + innerBoundary + eol));
    // The original body as the innermost part, with the original part headers if any.
    List<byte[]> body = lines.subList(Math.min(hc + 1, lines.size()), lines.size());
    body.forEach(out::writeBytes);
    out.writeBytes(latin1(eol));
    if (closeThem) {
      out.writeBytes(latin1("--" + innerBoundary + "--" + eol));
      out.writeBytes(latin1(close.toString()));
    }
    return out.toByteArray();
  }

  private static byte[] bogusTransferEncoding(byte[] in, Random r) {
    String cte = " " + pick(r, "base64", "quoted-printable", "BASE64 ", "Quoted-Printable", "x-uuencode", "8bit",
        "binary", "bogus", "", "base64; foo=bar", "\u00ff", "7bit\0", "base64 quoted-printable", "x-gzip");
    List<byte[]> lines = lines(in);
    List<Integer> ctes = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      if (latin1(lines.get(i)).toLowerCase(Locale.ROOT).startsWith("content-transfer-encoding:")) {
        ctes.add(i);
      }
    }
    if (!ctes.isEmpty() && r.nextBoolean()) {
      int i = ctes.get(r.nextInt(ctes.size()));
      lines.set(i, latin1("Content-Transfer-Encoding:" + cte + eolOf(latin1(lines.get(i)))));
      return join(lines);
    }
    return setHeader(lines, "Content-Transfer-Encoding", cte, r);
  }

  private static byte[] brokenBase64(byte[] in, Random r) {
    List<byte[]> lines = lines(in);
    int hc = headerCount(lines);
    String eol = eolOfMail(lines);
    byte[] body = join(lines.subList(Math.min(hc + 1, lines.size()), lines.size()));
    StringBuilder b64 = new StringBuilder(Base64.getMimeEncoder(76, latin1(eol)).encodeToString(body));
    int damage = 1 + r.nextInt(6);
    for (int i = 0; i < damage; i++) {
      int at = b64.length() == 0 ? 0 : r.nextInt(b64.length() + 1);
      switch (r.nextInt(6)) {
        case 0 -> b64.insert(at, '=');
        case 1 -> b64.insert(at, pick(r, "!", "*", "\u00ff", "-", "_", "\0", " ", "%"));
        case 2 -> b64.setLength(at); // cut, often at a length that is 1 mod 4
        case 3 -> b64.insert(at, "====");
        case 4 -> {
          if (at < b64.length()) {
            b64.deleteCharAt(at);
          }
        }
        default -> b64.insert(at, "!!!" + eol);
      }
    }
    List<byte[]> out = new ArrayList<>(lines.subList(0, hc));
    out.removeIf(l -> latin1(l).toLowerCase(Locale.ROOT).startsWith("content-transfer-encoding:"));
    out.add(r.nextInt(out.size() + 1), latin1("Content-Transfer-Encoding: base64" + eol));
    out.add(latin1(eol));
    out.add(latin1(b64.toString()));
    return join(out);
  }

  private static byte[] brokenQuotedPrintable(byte[] in, Random r) {
    List<byte[]> lines = lines(in);
    int hc = headerCount(lines);
    String eol = eolOfMail(lines);
    byte[] body = join(lines.subList(Math.min(hc + 1, lines.size()), lines.size()));
    StringBuilder qp = new StringBuilder(body.length + 64);
    for (byte b : body) {
      int c = b & 0xFF;
      if (c >= 0x80 || c == '=' || r.nextInt(20) == 0) {
        qp.append('=').append(String.format(Locale.ROOT, "%02X", c));
      } else {
        qp.append((char) c);
      }
    }
    int damage = 1 + r.nextInt(6);
    for (int i = 0; i < damage; i++) {
      int at = qp.length() == 0 ? 0 : r.nextInt(qp.length() + 1);
      qp.insert(at, pick(r, "=", "=Z1", "=\r", "=\r\r\n", "=0", "==", "=\n", "= \n", "=G", "=\u00ff", "=" + eol));
    }
    if (r.nextBoolean()) {
      qp.append('='); // a soft break at the very end
    }
    List<byte[]> out = new ArrayList<>(lines.subList(0, hc));
    out.removeIf(l -> latin1(l).toLowerCase(Locale.ROOT).startsWith("content-transfer-encoding:"));
    out.add(r.nextInt(out.size() + 1), latin1("Content-Transfer-Encoding: quoted-printable" + eol));
    out.add(latin1(eol));
    out.add(latin1(qp.toString()));
    return join(out);
  }

  private static final String[] BAD_CHARSETS = {
      "bogus", "x-unknown", "", "\"\"", "\"utf-8", "utf-8\"", "utf 8", "utf-8;", "ISO-8859-99", "UTF-16",
      "UTF-32BE", "UTF-7", "ISO-2022-JP", "x-IBM300", "x-IBM930", "windows-1252\0", "\u00e9", "=?utf-8?", "../../etc",
      "a".repeat(500), "*", "utf-8*en", "cp-1252''", "us-ascii", "UTF-8 ", "\"  \"", "x-JIS0208", "JIS_X0212-1990",
      "GB18030", "Big5-HKSCS", "+", "-", ".", "_", ":",
  };

  private static byte[] badCharset(byte[] in, Random r) {
    String cs = BAD_CHARSETS[r.nextInt(BAD_CHARSETS.length)];
    List<byte[]> lines = lines(in);
    List<Integer> types = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      if (latin1(lines.get(i)).toLowerCase(Locale.ROOT).startsWith("content-type:")) {
        types.add(i);
      }
    }
    if (types.isEmpty() || r.nextInt(4) == 0) {
      return setHeader(lines, "Content-Type", " text/plain; charset=" + cs, r);
    }
    int i = types.get(r.nextInt(types.size()));
    String line = latin1(lines.get(i));
    String eol = eolOf(line);
    String content = line.substring(0, line.length() - eol.length());
    String replaced = content.replaceAll("(?i)charset=(\"[^\"]*\"|[^;\\s]*)", "charset=" + java.util.regex.Matcher.quoteReplacement(cs));
    if (replaced.equals(content)) {
      replaced = content + "; charset=" + cs;
    }
    lines.set(i, latin1(replaced + eol));
    return join(lines);
  }

  private static final String[] BAD_WORDS = {
      "=?bogus?Q?abc?=", "=?utf-8?B?!!!?=", "=?utf-8?Q?=ZZ=?=", "=?utf-8?B?????=", "=?utf-8?X?abc?=", "=??Q?abc?=",
      "=?utf-8?B?" + Base64.getEncoder().encodeToString(new byte[] {(byte) 0xC3, (byte) 0x28, (byte) 0xFF}) + "?=",
      "=?UTF-16?B?/w==?=", "=?x-IBM930?Q?=0E=0F?=", "=?utf-8*?Q?a?=", "=?*?Q?a?=", "=?utf-8?Q?abc", "=?ISO-2022-JP?B?GyRC?=",
      "=?utf-8?B?" + "QUFB".repeat(300) + "?=", "=?utf-8?q?_?=", "=?utf-8?b?=?=", "=?utf-8?B?=====?=", "=?utf-8?Q??=",
      "=?utf-8?B?QQ?=", "=?utf-8?B?Q?=", "=?\"utf-8\"?Q?a?=", "=?utf-8?Q?=C3?= =?utf-8?Q?=A9?=", "=?UTF-7?Q?+AGEAYgBj-?=",
      "=?x-user-defined?Q?=FF?=", "=?" + "c".repeat(300) + "?Q?a?=", "=?utf-8?Q?=00=00?=", "=?windows-1252?Q?=81=8D?=",
  };

  private static byte[] badEncodedWord(byte[] in, Random r) {
    String name = pick(r, "Subject", "From", "To", "Cc", "Message-ID", "In-Reply-To", "References", "List-Id",
        "Date", "Content-Type", "X-Original-From", "Reply-To");
    StringBuilder words = new StringBuilder();
    int n = 1 + r.nextInt(4);
    for (int i = 0; i < n; i++) {
      words.append(i == 0 ? "" : pick(r, " ", "", "\t", " x ")).append(BAD_WORDS[r.nextInt(BAD_WORDS.length)]);
    }
    List<byte[]> lines = lines(in);
    int i = findHeader(lines, name);
    String value;
    if (i >= 0 && r.nextBoolean()) {
      String line = latin1(lines.get(i));
      String old = line.substring(line.indexOf(':') + 1, line.length() - eolOf(line).length());
      value = r.nextBoolean() ? " " + words + old : old + " " + words;
    } else {
      value = switch (name) {
        case "From", "To", "Cc", "X-Original-From", "Reply-To" -> " " + words + " via list <" + words + "@example.org>";
        case "Message-ID", "In-Reply-To", "References" -> " <" + words + ">";
        default -> " " + words;
      };
    }
    return setHeader(lines, name, value, r);
  }

  private static byte[] longHeader(byte[] in, Random r) {
    int len = new int[] {200, 998, 5_000, 20_000, 65_000}[r.nextInt(5)];
    String name = pick(r, "Subject", "From", "To", "Cc", "References", "In-Reply-To", "List-Id", "Content-Type",
        "Date", "X-Fuzz", "Received", "X-Mailing-List", "Content-Disposition");
    String value = switch (r.nextInt(7)) {
      case 0 -> " " + "x".repeat(len);
      case 1 -> " <" + "list".repeat(len / 4) + ".example.org>";
      case 2 -> {
        StringBuilder b = new StringBuilder();
        while (b.length() < len) {
          b.append(" <id").append(b.length()).append("@example.org>");
        }
        yield b.toString();
      }
      case 3 -> " " + "Re: ".repeat(len / 4) + "[PATCH]".repeat(20) + " x";
      case 4 -> " text/plain" + "; a=b".repeat(len / 5) + "; charset=utf-8";
      case 5 -> " " + "a@b, ".repeat(len / 5);
      default -> {
        // Folded: one logical header over many physical lines.
        StringBuilder b = new StringBuilder();
        String eol = eolOfMail(lines(in));
        while (b.length() < len) {
          b.append(" word").append(b.length()).append(eol).append(r.nextBoolean() ? "\t" : " ");
        }
        yield b + "end";
      }
    };
    if (r.nextInt(3) == 0) {
      return setHeader(lines(in), name, value, r);
    }
    List<byte[]> lines = lines(in);
    lines.add(r.nextInt(headerCount(lines) + 1), latin1(name + ":" + value + eolOfMail(lines)));
    return join(lines);
  }

  private static byte[] longMessageId(byte[] in, Random r) {
    int len = new int[] {250, 254, 255, 256, 300, 511, 512, 513, 600, 5_000, 50_000}[r.nextInt(11)];
    String local = randomIdText(r, len);
    String name = r.nextInt(3) == 0 ? pick(r, "In-Reply-To", "References") : "Message-ID";
    String value = switch (r.nextInt(5)) {
      case 0 -> " " + local; // no brackets
      case 1 -> " <" + local + "> <second@example.org>";
      case 2 -> " <" + local.substring(0, local.length() / 2) + " " + local.substring(local.length() / 2) + ">";
      case 3 -> " <" + local + "@" + "h".repeat(len) + ">";
      default -> " <" + local + ">";
    };
    return setHeader(lines(in), name, value, r);
  }

  private static byte[] lineEndings(byte[] in, Random r) {
    List<byte[]> lines = lines(in);
    int mode = r.nextInt(6);
    int hc = headerCount(lines);
    for (int i = 0; i < lines.size(); i++) {
      byte[] content = withoutEol(lines.get(i));
      if (content.length == lines.get(i).length) {
        continue; // the last line without a break stays so
      }
      String eol = switch (mode) {
        case 0 -> "\r\n";
        case 1 -> "\n";
        case 2 -> pick(r, "\n", "\r\n", "\r", "\r\r\n");
        case 3 -> r.nextInt(10) == 0 ? "\r" : eolOf(latin1(lines.get(i))); // lone CRs here and there
        case 4 -> i <= hc ? "\r\n" : "\n"; // CRLF headers, LF body
        default -> i <= hc ? "\n" : "\r\n";
      };
      lines.set(i, concat(content, latin1(eol)));
    }
    return join(lines);
  }

  private static byte[] hugeNumber(byte[] in, Random r) {
    String s = latin1(in);
    List<int[]> runs = new ArrayList<>();
    List<int[]> preferred = new ArrayList<>();
    int i = 0;
    int lineStart = 0;
    while (i < s.length()) {
      char c = s.charAt(i);
      if (c == '\n') {
        lineStart = i + 1;
        i++;
      } else if (c >= '0' && c <= '9') {
        int j = i;
        while (j < s.length() && s.charAt(j) >= '0' && s.charAt(j) <= '9') {
          j++;
        }
        runs.add(new int[] {i, j});
        String linePrefix = s.substring(lineStart, Math.min(s.length(), lineStart + 9));
        if (linePrefix.startsWith("@@ ") || linePrefix.startsWith("Subject:") || linePrefix.startsWith("Date:")) {
          preferred.add(new int[] {i, j});
        }
        i = j;
      } else {
        i++;
      }
    }
    if (runs.isEmpty()) {
      return insertBytes(in, r);
    }
    List<int[]> from = !preferred.isEmpty() && r.nextInt(4) != 0 ? preferred : runs;
    int[] run = from.get(r.nextInt(from.size()));
    String digits = switch (r.nextInt(4)) {
      case 0 -> "9".repeat(10 + r.nextInt(30));
      case 1 -> "2147483648";
      case 2 -> "0".repeat(1 + r.nextInt(20));
      default -> randomDigits(r, 6 + r.nextInt(30));
    };
    return splice(in, run[0], run[1], latin1(digits));
  }

  private static byte[] stripPart(byte[] in, Random r) {
    List<byte[]> lines = lines(in);
    int hc = headerCount(lines);
    switch (r.nextInt(3)) {
      case 0 -> lines.subList(0, Math.min(hc + 1, lines.size())).clear(); // body only
      case 1 -> lines.subList(Math.min(hc + (r.nextBoolean() ? 1 : 0), lines.size()), lines.size()).clear(); // headers only
      default -> {
        if (hc < lines.size()) {
          lines.remove(hc); // no blank line: headers run into the body
        }
      }
    }
    return join(lines);
  }

  private static byte[] empty(Random r) {
    return r.nextInt(5) < 3 ? new byte[0] : pickBytes(r, "\n", "\r\n", " ", "\0", "\n\n\n", "\r", ":");
  }

  // ---------------------------------------------------------------- helpers

  /** Lines with their line breaks; a last line without a break is kept as it is. */
  static List<byte[]> lines(byte[] in) {
    List<byte[]> out = new ArrayList<>();
    int start = 0;
    for (int i = 0; i < in.length; i++) {
      if (in[i] == '\n') {
        out.add(Arrays.copyOfRange(in, start, i + 1));
        start = i + 1;
      }
    }
    if (start < in.length) {
      out.add(Arrays.copyOfRange(in, start, in.length));
    }
    return out;
  }

  static byte[] join(List<byte[]> lines) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    lines.forEach(out::writeBytes);
    return out.toByteArray();
  }

  /** Index of the blank line that ends the top-level header block, or the line count if none. */
  private static int headerCount(List<byte[]> lines) {
    for (int i = 0; i < lines.size(); i++) {
      if (withoutEol(lines.get(i)).length == 0) {
        return i;
      }
    }
    return lines.size();
  }

  private static int headerEndOffset(byte[] in) {
    List<byte[]> lines = lines(in);
    int hc = headerCount(lines);
    int off = 0;
    for (int i = 0; i < hc; i++) {
      off += lines.get(i).length;
    }
    return off;
  }

  private static boolean isHeaderLine(byte[] line) {
    int colon = -1;
    for (int i = 0; i < line.length; i++) {
      if (line[i] == ':') {
        colon = i;
        break;
      }
      if (line[i] <= ' ' || line[i] > '~') {
        return false;
      }
    }
    return colon > 0;
  }

  /** A header line: of the top-level block usually, else anywhere (MIME part headers). */
  private static int pickHeaderLine(List<byte[]> lines, Random r) {
    int hc = headerCount(lines);
    List<Integer> candidates = new ArrayList<>();
    int limit = r.nextInt(3) == 0 ? lines.size() : hc;
    for (int i = 0; i < limit; i++) {
      if (isHeaderLine(lines.get(i))) {
        candidates.add(i);
      }
    }
    return candidates.isEmpty() ? -1 : candidates.get(r.nextInt(candidates.size()));
  }

  private static int findHeader(List<byte[]> lines, String name) {
    int hc = headerCount(lines);
    String prefix = name.toLowerCase(Locale.ROOT) + ":";
    for (int i = 0; i < hc; i++) {
      if (latin1(lines.get(i)).toLowerCase(Locale.ROOT).startsWith(prefix)) {
        return i;
      }
    }
    return -1;
  }

  /** Replaces the first top-level header of that name (and its folded lines), or adds one. */
  private static byte[] setHeader(List<byte[]> lines, String name, String value, Random r) {
    String eol = eolOfMail(lines);
    byte[] line = latin1(name + ":" + value + eol);
    int i = findHeader(lines, name);
    if (i >= 0) {
      lines.set(i, line);
      while (i + 1 < lines.size() && lines.get(i + 1).length > 0
          && (lines.get(i + 1)[0] == ' ' || lines.get(i + 1)[0] == '\t')) {
        lines.remove(i + 1);
      }
    } else {
      int hc = headerCount(lines);
      lines.add(r.nextInt(hc + 1), line);
      if (hc == lines.size() - 1) {
        lines.add(latin1(eol)); // the mail had no body; keep a header block
      }
    }
    return join(lines);
  }

  private static int pickLine(List<byte[]> lines, Random r) {
    int hc = headerCount(lines);
    return r.nextBoolean() && hc > 0 ? r.nextInt(Math.min(hc + 1, lines.size())) : r.nextInt(lines.size());
  }

  private static String eolOf(String line) {
    if (line.endsWith("\r\n")) {
      return "\r\n";
    }
    return line.endsWith("\n") ? "\n" : "";
  }

  private static String eolOfMail(List<byte[]> lines) {
    return lines.isEmpty() || !latin1(lines.get(0)).endsWith("\r\n") ? "\n" : "\r\n";
  }

  private static byte[] withoutEol(byte[] line) {
    int end = line.length;
    if (end > 0 && line[end - 1] == '\n') {
      end--;
      if (end > 0 && line[end - 1] == '\r') {
        end--;
      }
    }
    return end == line.length ? line : Arrays.copyOf(line, end);
  }

  private static byte[] splice(byte[] in, int from, int to, byte[] insert) {
    byte[] out = new byte[in.length - (to - from) + insert.length];
    System.arraycopy(in, 0, out, 0, from);
    System.arraycopy(insert, 0, out, from, insert.length);
    System.arraycopy(in, to, out, from + insert.length, in.length - to);
    return out;
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] out = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }

  /** Chars 0-255 as bytes 0-255: what the mutations work in. */
  static byte[] latin1(String s) {
    return s.getBytes(StandardCharsets.ISO_8859_1);
  }

  static String latin1(byte[] b) {
    return new String(b, StandardCharsets.ISO_8859_1);
  }

  private static String insertAt(String s, Random r, String what) {
    int at = s.isEmpty() ? 0 : r.nextInt(s.length() + 1);
    return s.substring(0, at) + what + s.substring(at);
  }

  private static String randomCase(String s, Random r) {
    StringBuilder b = new StringBuilder(s.length());
    for (char c : s.toCharArray()) {
      b.append(r.nextBoolean() ? Character.toUpperCase(c) : Character.toLowerCase(c));
    }
    return b.toString();
  }

  private static String randomPrintable(Random r, int n) {
    StringBuilder b = new StringBuilder(n);
    for (int i = 0; i < n; i++) {
      b.append((char) (' ' + r.nextInt(95)));
    }
    return b.toString();
  }

  private static String randomIdText(Random r, int n) {
    String alphabet = "abcdefghijklmnopqrstuvwxyz0123456789.-_$+=@";
    StringBuilder b = new StringBuilder(n);
    for (int i = 0; i < n; i++) {
      b.append(alphabet.charAt(r.nextInt(alphabet.length())));
    }
    return b.toString();
  }

  private static String randomDigits(Random r, int n) {
    StringBuilder b = new StringBuilder(n);
    for (int i = 0; i < n; i++) {
      b.append((char) ('0' + r.nextInt(10)));
    }
    return b.toString();
  }

  private static byte[] randomBytes(Random r, int n) {
    byte[] b = new byte[n];
    r.nextBytes(b);
    return b;
  }

  @SafeVarargs
  private static <T> T pick(Random r, T... options) {
    return options[r.nextInt(options.length)];
  }

  private static byte[] pickBytes(Random r, String... options) {
    return latin1(options[r.nextInt(options.length)]);
  }
}
