package dev.patchflow.bench;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Writes commits through one `git fast-import` process: one process for the whole corpus
 * instead of several per commit, which is what keeps generation to seconds.
 */
final class FastImport implements AutoCloseable {
  private static final List<String> ARGS = List.of("fast-import", "--quiet", "--done");

  private final Process process;
  private final OutputStream in;
  private int marks;

  FastImport(Git git) throws IOException {
    this.process = git.builder(Map.of(), ARGS).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    this.in = new BufferedOutputStream(process.getOutputStream(), 1 << 16);
  }

  /**
   * Adds a commit to {@code branch}; {@code fromMark} starts the branch there (null continues
   * the branch from its previous commit in this stream). Returns the commit's mark.
   */
  int commit(String branch, Integer fromMark, Dev who, Instant when, CommitSpec spec) throws IOException {
    int mark = ++marks;
    String ident = who.ident() + " " + when.getEpochSecond() + " " + who.tz();
    line("commit refs/heads/" + branch);
    line("mark :" + mark);
    line("author " + ident);
    line("committer " + ident);
    data(spec.message());
    if (fromMark != null) {
      line("from :" + fromMark);
    }
    for (Map.Entry<String, String> f : new java.util.TreeMap<>(spec.files()).entrySet()) {
      line("M 100644 inline " + f.getKey());
      data(f.getValue());
    }
    line("");
    return mark;
  }

  private void data(String text) throws IOException {
    byte[] b = text.getBytes(StandardCharsets.UTF_8);
    line("data " + b.length);
    in.write(b);
    in.write('\n');
  }

  private void line(String s) throws IOException {
    in.write(s.getBytes(StandardCharsets.UTF_8));
    in.write('\n');
  }

  @Override
  public void close() throws IOException {
    line("done");
    in.close();
    Git.check(process, ARGS);
  }
}
