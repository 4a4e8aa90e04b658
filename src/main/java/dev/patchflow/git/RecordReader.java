package dev.patchflow.git;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Splits a stream into records ended by one separator byte, reading in large blocks: a month of
 * kernel history is megabytes of log, read as it comes instead of held whole. A record's text is
 * decoded as UTF-8 with the newline that `--format` puts after each separator dropped.
 */
final class RecordReader {
  private final InputStream in;
  private final byte separator;
  private byte[] buf = new byte[1 << 16];
  private int start;
  private int end;
  private int scanned;
  private boolean eof;

  RecordReader(InputStream in, byte separator) {
    this.in = in;
    this.separator = separator;
  }

  /** The next record, or null at the end; trailing bytes without a separator count as a record. */
  String next() throws IOException {
    while (true) {
      for (int i = Math.max(start, scanned); i < end; i++) {
        if (buf[i] == separator) {
          String r = text(start, i);
          start = i + 1;
          scanned = start;
          return r;
        }
      }
      scanned = end;
      if (eof) {
        if (start >= end) {
          return null;
        }
        String r = text(start, end);
        start = end;
        return r.isBlank() ? null : r;
      }
      fill();
    }
  }

  private void fill() throws IOException {
    if (start > 0) {
      System.arraycopy(buf, start, buf, 0, end - start);
      end -= start;
      scanned -= start;
      start = 0;
    }
    if (end == buf.length) {
      buf = Arrays.copyOf(buf, buf.length * 2);
    }
    int n = in.read(buf, end, buf.length - end);
    if (n < 0) {
      eof = true;
    } else {
      end += n;
    }
  }

  private String text(int from, int to) {
    int f = from;
    while (f < to && buf[f] == '\n') {
      f++;
    }
    return new String(buf, f, to - f, StandardCharsets.UTF_8);
  }
}
