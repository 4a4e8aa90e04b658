package dev.patchflow.mail;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Best-effort text decoding. Lists carry mail in every charset, declared wrongly or not at all;
 * decoding never fails: the declared charset if Java knows it, else strict UTF-8, else
 * windows-1252 (what undeclared 8-bit mail almost always is), else ISO-8859-1, which maps
 * every byte.
 */
public final class Charsets {
  /** Charset.forName is slow for names it does not know (it rescans providers): cache. */
  private static final java.util.Map<String, java.util.Optional<Charset>> KNOWN =
      new java.util.concurrent.ConcurrentHashMap<>();

  private static final Charset WINDOWS_1252 = lookup("windows-1252");

  private Charsets() {}

  public static String decode(byte[] bytes, String declared) {
    Charset cs = declared == null ? null : lookup(declared.strip().replace("\"", ""));
    if (cs != null && !cs.equals(StandardCharsets.US_ASCII)) {
      if (cs.equals(StandardCharsets.UTF_8)) {
        String strict = strictUtf8(bytes);
        if (strict != null) {
          return strict;
        }
        return fallback(bytes);
      }
      return new String(bytes, cs);
    }
    String strict = strictUtf8(bytes);
    return strict != null ? strict : fallback(bytes);
  }

  /** Header bytes: UTF-8 when valid (raw UTF-8 headers are common), else windows-1252. */
  public static String decodeHeaderBytes(byte[] bytes, int from, int to) {
    boolean ascii = true;
    for (int i = from; i < to; i++) {
      if (bytes[i] < 0) {
        ascii = false;
        break;
      }
    }
    if (ascii) {
      return new String(bytes, from, to - from, StandardCharsets.ISO_8859_1);
    }
    byte[] slice = java.util.Arrays.copyOfRange(bytes, from, to);
    String strict = strictUtf8(slice);
    return strict != null ? strict : fallback(slice);
  }

  private static String fallback(byte[] bytes) {
    return WINDOWS_1252 != null
        ? new String(bytes, WINDOWS_1252)
        : new String(bytes, StandardCharsets.ISO_8859_1);
  }

  private static String strictUtf8(byte[] bytes) {
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes))
          .toString();
    } catch (CharacterCodingException e) {
      return null;
    }
  }

  private static Charset lookup(String name) {
    if (name.isEmpty() || name.length() > 64) {
      return null;
    }
    return KNOWN.computeIfAbsent(name.toLowerCase(java.util.Locale.ROOT), n -> {
      try {
        return java.util.Optional.of(Charset.forName(n));
      } catch (RuntimeException e) {
        // IllegalCharsetNameException, UnsupportedCharsetException: a charset we cannot use.
        return java.util.Optional.empty();
      }
    }).orElse(null);
  }
}
