package dev.patchflow.intake.publicinbox;

import java.io.BufferedInputStream;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The {@code m} blob of every commit in a range, oldest first, from two git processes for the
 * whole range: {@code rev-list} names the commits and one {@code cat-file --batch} reads them.
 * A thread feeds the one into the other, so neither waits on a round trip per message. Each
 * request carries its commit as the "rest" of the line, so every answer says which commit it
 * belongs to.
 */
final class BlobStream implements Closeable {
  /** One commit: its message, or {@code size} -1 when the commit removed {@code m}. */
  record Entry(String commit, long size, byte[] message) {
    boolean deleted() {
      return size < 0;
    }
  }

  private final Process revList;
  private final Process catFile;
  private final InputStream answers;
  private final boolean contents;
  private final Thread feeder;
  private volatile String revListError;

  private BlobStream(Process revList, Process catFile, boolean contents) {
    this.revList = revList;
    this.catFile = catFile;
    this.contents = contents;
    this.answers = new BufferedInputStream(catFile.getInputStream(), 1 << 16);
    this.feeder = new Thread(this::feed, "patchflow-public-inbox-feed");
    feeder.setDaemon(true);
    feeder.start();
  }

  /**
   * The commits after {@code from} (all, when null) up to {@code to}; with {@code contents}
   * false, only their sizes.
   */
  static BlobStream open(EpochGit git, String from, String to, boolean contents) throws IOException {
    String range = from == null ? to : from + ".." + to;
    Process revList = new ProcessBuilder(git.command("rev-list", "--reverse", range)).start();
    revList.getOutputStream().close();
    String format = (contents ? "--batch=" : "--batch-check=") + "%(objecttype) %(objectsize) %(rest)";
    Process catFile;
    try {
      catFile = new ProcessBuilder(git.command("cat-file", format))
          .redirectError(ProcessBuilder.Redirect.DISCARD).start();
    } catch (IOException e) {
      revList.destroyForcibly();
      throw e;
    }
    return new BlobStream(revList, catFile, contents);
  }

  private void feed() {
    try (BufferedReader commits = new BufferedReader(new InputStreamReader(revList.getInputStream(), StandardCharsets.US_ASCII));
        OutputStream requests = new java.io.BufferedOutputStream(catFile.getOutputStream(), 1 << 16)) {
      String c;
      while ((c = commits.readLine()) != null) {
        requests.write((c + ":m " + c + "\n").getBytes(StandardCharsets.US_ASCII));
      }
    } catch (IOException e) {
      revListError = "feeding cat-file: " + e.getMessage(); // also when closed early; then nobody reads it
    }
    try {
      String err = new String(revList.getErrorStream().readAllBytes(), StandardCharsets.UTF_8).trim();
      if (revList.waitFor() != 0) {
        revListError = "git rev-list failed (exit " + revList.exitValue() + "): " + err;
      }
    } catch (IOException | InterruptedException e) {
      revListError = "git rev-list: " + e.getMessage();
    }
  }

  /** The next commit's entry, or null after the last. */
  Entry next() throws IOException {
    String header = readLine();
    if (header == null) {
      finish();
      return null;
    }
    String[] f = header.split(" ");
    if (f.length == 2 && f[1].equals("missing")) {
      return new Entry(f[0].substring(0, f[0].indexOf(':')), -1, null);
    }
    if (f.length != 3) {
      throw new IOException("git cat-file: unexpected answer '" + header + "'");
    }
    long size = Long.parseLong(f[1]);
    byte[] body = null;
    if (contents) {
      body = answers.readNBytes(Math.toIntExact(size));
      if (body.length != size || answers.read() != '\n') {
        throw new IOException("git cat-file: object " + f[2] + ":m cut short");
      }
    }
    if (!f[0].equals("blob")) {
      return new Entry(f[2], -1, null); // "m" is not a message in this commit; nothing to import
    }
    return new Entry(f[2], size, body);
  }

  private void finish() throws IOException {
    try {
      feeder.join(TimeUnit.SECONDS.toMillis(60));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    }
    if (revListError != null) {
      throw new IOException(revListError);
    }
  }

  private String readLine() throws IOException {
    ByteArrayOutputStream line = new ByteArrayOutputStream(128);
    int b;
    while ((b = answers.read()) != -1 && b != '\n') {
      line.write(b);
    }
    if (b == -1 && line.size() == 0) {
      return null;
    }
    return line.toString(StandardCharsets.US_ASCII);
  }

  @Override
  public void close() {
    for (Process p : List.of(revList, catFile)) {
      p.destroy();
    }
  }
}
