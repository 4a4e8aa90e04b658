package dev.patchflow.backport.pipeline;

import dev.patchflow.backport.RunLogFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.format.DateTimeFormatter;
import java.util.function.Consumer;

/**
 * The plain {@link RunLog}: a folder {@code run-<UTC time>} under the log directory, made when
 * first asked for, holding {@code backport.log}; each note is also passed on (to the console).
 */
public final class DirRunLog implements RunLog {
  private static final DateTimeFormatter STAMP = DateTimeFormatter.ISO_INSTANT;

  private final Path dir;
  private final Clock clock;
  private final Consumer<String> echo;

  public DirRunLog(Path logDir, Clock clock, Consumer<String> echo) {
    this(logDir, clock.instant(), clock, echo);
  }

  /** @param start when the run started: the folder is named after it, as the run's summary line is */
  public DirRunLog(Path logDir, java.time.Instant start, Clock clock, Consumer<String> echo) {
    this.dir = logDir.resolve(RunLogFiles.runFolder(start));
    this.clock = clock;
    this.echo = echo;
  }

  /** A log that keeps nothing on disk, for dry runs: notes go to {@code echo} only. */
  public static RunLog echoOnly(Consumer<String> echo) {
    return new RunLog() {
      @Override
      public Path dir() {
        throw new IllegalStateException("a dry run writes no files");
      }

      @Override
      public void note(String line) {
        echo.accept(line);
      }
    };
  }

  @Override
  public Path dir() {
    try {
      return Files.createDirectories(dir);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot make the run's log folder " + dir, e);
    }
  }

  @Override
  public void note(String line) {
    echo.accept(line);
    try {
      Files.writeString(dir().resolve("backport.log"), STAMP.format(clock.instant()) + " " + line + "\n",
          StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
