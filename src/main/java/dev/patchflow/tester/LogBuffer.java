package dev.patchflow.tester;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * A job's log as stored: gzip members appended one per chunk (gzip readers take them as one
 * stream), so an append never decompresses what is there. Past the cap the rest is dropped and
 * a marker line says where the log was cut.
 */
public final class LogBuffer {
  private LogBuffer() {}

  /** What to store after appending {@code chunk} to a log of {@code storedBytes} text bytes. */
  public record Append(byte[] log, long bytes, boolean truncated) {}

  public static Append append(byte[] stored, long storedBytes, boolean truncated, byte[] chunk, long cap) {
    if (truncated || chunk.length == 0) {
      return new Append(stored, storedBytes, truncated);
    }
    byte[] text = chunk;
    boolean cut = false;
    if (storedBytes + chunk.length > cap) {
      int keep = (int) Math.max(0, cap - storedBytes);
      String marker = "\n[log truncated at " + cap + " bytes]\n";
      byte[] m = marker.getBytes(StandardCharsets.UTF_8);
      text = new byte[keep + m.length];
      System.arraycopy(chunk, 0, text, 0, keep);
      System.arraycopy(m, 0, text, keep, m.length);
      cut = true;
    }
    byte[] member = gzip(text);
    byte[] base = stored == null ? new byte[0] : stored;
    byte[] out = new byte[base.length + member.length];
    System.arraycopy(base, 0, out, 0, base.length);
    System.arraycopy(member, 0, out, base.length, member.length);
    return new Append(out, storedBytes + text.length, cut);
  }

  public static String text(byte[] stored) {
    return new String(bytes(stored), StandardCharsets.UTF_8);
  }

  /** The log's text as bytes (UTF-8 as the script wrote it). */
  public static byte[] bytes(byte[] stored) {
    if (stored == null || stored.length == 0) {
      return new byte[0];
    }
    try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(stored))) {
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The text after byte {@code from}, for a reader following a log as it grows; {@code next} is
   * where its next read starts. While the log may grow ({@code growing}) a character whose
   * bytes have not all arrived is left for the next read, so no reader decodes half of one.
   * A reader ahead of the log (the job started again, its log anew) is given it all from the
   * start, with {@code restart} set.
   */
  public record Slice(String text, long next, boolean restart) {}

  public static Slice slice(byte[] text, long from, boolean growing) {
    boolean restart = from < 0 || from > text.length;
    int start = restart ? 0 : (int) from;
    int end = growing ? completeUpTo(text, start) : text.length;
    return new Slice(new String(text, start, end - start, StandardCharsets.UTF_8), end, restart);
  }

  /** The end of the last whole UTF-8 character in text[start..]. */
  private static int completeUpTo(byte[] text, int start) {
    int end = text.length;
    // the lead byte of the last character, at most three bytes back
    for (int i = end - 1; i >= Math.max(start, end - 4); i--) {
      int b = text[i] & 0xff;
      if ((b & 0xc0) == 0x80) {
        continue; // a continuation byte
      }
      int need = b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : b >= 0xc0 ? 2 : 1;
      return end - i >= need ? end : i;
    }
    return end;
  }

  private static byte[] gzip(byte[] text) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream z = new GZIPOutputStream(out)) {
      z.write(text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }
}
