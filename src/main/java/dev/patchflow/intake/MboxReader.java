package dev.patchflow.intake;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;

/**
 * Reads an mbox (plain or .gz) one message at a time. A message starts at a "From " line that
 * follows a blank line (or opens the file) and carries a time and a year, so a body line that
 * merely starts with "From " does not split a message. mboxrd escaping (">From ") is undone.
 */
public final class MboxReader implements MailSource {
  private static final Pattern SEPARATOR = Pattern.compile("^From \\S*.*\\d{1,2}:\\d{2}.*\\d{4}.*$");
  private static final Pattern ESCAPED_FROM = Pattern.compile("^>+From .*", Pattern.DOTALL);

  private final Path file;
  private final CountingInputStream counted;
  private final InputStream in;
  private final long size;
  private byte[] pending; // the separator line that starts the next message
  private long lineNo;
  private long pendingLine;
  private boolean eof;

  public MboxReader(Path file) throws IOException {
    this.file = file;
    this.size = Files.size(file);
    this.counted = new CountingInputStream(Files.newInputStream(file));
    InputStream buffered = new BufferedInputStream(counted, 1 << 16);
    this.in = file.getFileName().toString().endsWith(".gz")
        ? new BufferedInputStream(new GZIPInputStream(buffered, 1 << 16), 1 << 16)
        : buffered;
  }

  @Override
  public RawMail next() throws IOException {
    if (eof && pending == null) {
      return null;
    }
    ByteArrayOutputStream msg = new ByteArrayOutputStream(8192);
    long startLine;
    boolean previousBlank = true;
    if (pending != null) {
      startLine = pendingLine;
      pending = null; // the separator itself is not part of the message
    } else {
      startLine = lineNo + 1;
    }
    boolean any = false;
    while (true) {
      byte[] line = readLine();
      if (line == null) {
        eof = true;
        break;
      }
      lineNo++;
      if (isSeparator(line) && previousBlank) {
        if (any) {
          pending = line;
          pendingLine = lineNo;
          break;
        }
        startLine = lineNo;
        continue; // the separator that opens the file
      }
      if (line.length > 1 && line[0] == '>' && ESCAPED_FROM.matcher(ascii(line, 64)).matches()) {
        msg.write(line, 1, line.length - 1);
      } else {
        msg.write(line);
      }
      previousBlank = isBlank(line);
      any = true;
    }
    if (!any) {
      return eof ? null : next();
    }
    return new RawMail(trimFinalNewline(msg.toByteArray()), file + ":" + startLine);
  }

  private static boolean isSeparator(byte[] line) {
    return line.length > 5 && line[0] == 'F' && line[1] == 'r' && line[2] == 'o' && line[3] == 'm'
        && line[4] == ' ' && SEPARATOR.matcher(ascii(line, 200).stripTrailing()).matches();
  }

  private static boolean isBlank(byte[] line) {
    for (byte b : line) {
      if (b != '\n' && b != '\r' && b != ' ' && b != '\t') {
        return false;
      }
    }
    return true;
  }

  private static String ascii(byte[] line, int max) {
    return new String(line, 0, Math.min(line.length, max), StandardCharsets.ISO_8859_1);
  }

  /** The blank line before the next separator belongs to the mbox, not the message. */
  private static byte[] trimFinalNewline(byte[] b) {
    int end = b.length;
    if (end >= 2 && b[end - 1] == '\n' && b[end - 2] == '\n') {
      end--;
    } else if (end >= 4 && b[end - 1] == '\n' && b[end - 2] == '\r' && b[end - 3] == '\n') {
      end -= 2;
    }
    return end == b.length ? b : java.util.Arrays.copyOf(b, end);
  }

  private final byte[] buf = new byte[1 << 16];
  private int bufPos;
  private int bufEnd;

  /** One line including its line break; null at the end of input. */
  private byte[] readLine() throws IOException {
    ByteArrayOutputStream line = null;
    while (true) {
      if (bufPos >= bufEnd) {
        bufEnd = in.read(buf, 0, buf.length);
        bufPos = 0;
        if (bufEnd <= 0) {
          bufEnd = 0;
          return line == null || line.size() == 0 ? null : line.toByteArray();
        }
      }
      int start = bufPos;
      while (bufPos < bufEnd && buf[bufPos] != '\n') {
        bufPos++;
      }
      boolean eol = bufPos < bufEnd;
      if (eol) {
        bufPos++; // keep the line break
      }
      if (eol && line == null) {
        return java.util.Arrays.copyOfRange(buf, start, bufPos);
      }
      if (line == null) {
        line = new ByteArrayOutputStream(256);
      }
      line.write(buf, start, bufPos - start);
      if (eol) {
        return line.toByteArray();
      }
    }
  }

  @Override
  public long position() {
    return counted.count();
  }

  @Override
  public long size() {
    return size;
  }

  @Override
  public void close() throws IOException {
    in.close();
  }
}
