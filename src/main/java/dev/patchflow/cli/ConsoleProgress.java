package dev.patchflow.cli;

import dev.patchflow.intake.ImportProgress;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/** A progress bar over the input bytes, with counts, for a terminal. */
final class ConsoleProgress implements ImportProgress {
  private ProgressBar bar;

  @Override
  public void start(long totalBytes) {
    bar = new ProgressBarBuilder()
        .setTaskName("import")
        .setInitialMax(Math.max(totalBytes, 1))
        .setUnit(" MiB", 1 << 20)
        .setStyle(ProgressBarStyle.ASCII)
        .setUpdateIntervalMillis(200)
        .continuousUpdate()
        .setConsumer(new me.tongfei.progressbar.ConsoleProgressBarConsumer(System.err))
        .build();
  }

  @Override
  public void update(long bytesDone, long read, long stored, long duplicates, long quarantined) {
    bar.stepTo(bytesDone);
    bar.setExtraMessage(String.format(" read %d new %d dup %d quarantined %d", read, stored, duplicates, quarantined));
  }

  @Override
  public void threading(int projects) {
    bar.setExtraMessage(" threading " + projects + " project(s)...");
  }

  @Override
  public void close() {
    if (bar != null) {
      bar.close();
    }
  }
}
