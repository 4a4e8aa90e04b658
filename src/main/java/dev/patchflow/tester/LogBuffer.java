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
    if (stored == null || stored.length == 0) {
      return "";
    }
    try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(stored))) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
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
