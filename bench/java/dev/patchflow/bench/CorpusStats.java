package dev.patchflow.bench;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

/**
 * What the generator made, kept beside the cached mbox so a later run can check the import
 * against it without re-reading the mail.
 *
 * @param series series sent (each counted once, however many versions)
 * @param versions series versions sent: what a tracker should end up listing
 */
record CorpusStats(long messages, long series, long versions, long replies, long commits) {

  void save(Path file) throws IOException {
    Properties p = new Properties();
    p.setProperty("messages", Long.toString(messages));
    p.setProperty("series", Long.toString(series));
    p.setProperty("versions", Long.toString(versions));
    p.setProperty("replies", Long.toString(replies));
    p.setProperty("commits", Long.toString(commits));
    try (Writer w = Files.newBufferedWriter(file)) {
      p.store(w, "patchflow intake benchmark corpus");
    }
  }

  static CorpusStats load(Path file) throws IOException {
    Properties p = new Properties();
    try (Reader r = Files.newBufferedReader(file)) {
      p.load(r);
    }
    return new CorpusStats(num(p, "messages"), num(p, "series"), num(p, "versions"), num(p, "replies"), num(p, "commits"));
  }

  private static long num(Properties p, String key) throws IOException {
    String v = p.getProperty(key);
    if (v == null) {
      throw new IOException("corpus stats lack " + key);
    }
    return Long.parseLong(v);
  }

  String describe() {
    return String.format(java.util.Locale.ROOT, "%d messages: %d series (%d versions), %d replies, %d commits",
        messages, series, versions, replies, commits);
  }
}
