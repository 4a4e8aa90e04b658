package dev.patchflow.tester;

import java.io.ByteArrayOutputStream;
import java.io.IOException;

/**
 * Collects a script's output and sends it to the job's log URL in chunks: whenever a second
 * has passed or enough has piled up. A chunk that cannot be sent stays for the next try; a
 * refusal (the lease is gone) stops the uploads and is reported to whoever flushes.
 */
final class LogUploader {
  static final int CHUNK = 64 * 1024;
  private final TesterClient client;
  private final String url;
  private final ByteArrayOutputStream pending = new ByteArrayOutputStream();
  private volatile boolean refused;

  LogUploader(TesterClient client, String url) {
    this.client = client;
    this.url = url;
  }

  synchronized void add(byte[] bytes) {
    pending.writeBytes(bytes);
  }

  synchronized int pendingBytes() {
    return pending.size();
  }

  boolean refused() {
    return refused;
  }

  /** Sends what has been collected; false when the server refused it (the lease is gone). */
  boolean flush() throws IOException, InterruptedException {
    if (refused) {
      return false;
    }
    while (true) {
      byte[] chunk;
      synchronized (this) {
        if (pending.size() == 0) {
          return true;
        }
        byte[] all = pending.toByteArray();
        int n = Math.min(all.length, CHUNK);
        chunk = java.util.Arrays.copyOf(all, n);
      }
      TesterClient.Answer a = client.send("POST", url, "text/plain; charset=utf-8", chunk);
      if (!a.ok()) {
        refused = true;
        return false;
      }
      synchronized (this) {
        byte[] all = pending.toByteArray();
        pending.reset();
        pending.write(all, chunk.length, all.length - chunk.length);
      }
    }
  }
}
