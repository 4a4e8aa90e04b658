package dev.patchflow.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * The intake benchmark's mbox, generated once and kept under the data directory. The file name
 * carries {@link #VERSION} and the spec's key: bump VERSION whenever the generator would write
 * something different, so an old file is never measured as if it were the new one.
 */
final class IntakeCorpus {
  static final String VERSION = "intake-v1";

  /** The mbox and what is in it. */
  record Corpus(Path mbox, CorpusStats stats) {}

  private IntakeCorpus() {}

  static Corpus ensure(Path dataDir, CorpusSpec spec) throws IOException, InterruptedException {
    String name = VERSION + "-" + spec.key();
    Path mbox = dataDir.resolve(name + ".mbox");
    Path stats = dataDir.resolve(name + ".properties");
    if (Files.isRegularFile(mbox) && Files.isRegularFile(stats)) {
      System.err.println("bench: using cached corpus " + mbox);
      return new Corpus(mbox, CorpusStats.load(stats));
    }
    Files.createDirectories(dataDir);
    System.err.println("bench: generating " + mbox + " (" + spec.messages() + " messages) ...");
    long t0 = System.nanoTime();
    Path tmp = dataDir.resolve(name + ".mbox.tmp");
    CorpusStats made = new MboxGenerator().generate(spec, tmp);
    // Stats first, then the mbox, moved into place last: a half-made corpus is never reused.
    made.save(stats);
    Files.move(tmp, mbox, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    System.err.printf("bench: corpus generated in %.1f s: %s, %.1f MiB%n", (System.nanoTime() - t0) / 1e9,
        made.describe(), Files.size(mbox) / 1048576.0);
    return new Corpus(mbox, made);
  }
}
