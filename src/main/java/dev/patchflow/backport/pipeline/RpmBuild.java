package dev.patchflow.backport.pipeline;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * {@code rpmbuild -bb} of each modified spec, one log per spec. Photon keeps patch files in
 * subfolders (CVE/, esx/, rt/) while Patch lines use bare names, as its build system gathers
 * every file of the folder into one source dir; so does this step, into the build's own
 * _topdir, leaving the packaging tree untouched.
 */
public final class RpmBuild {
  private final String rpmbuild;
  private final Duration timeout;

  public RpmBuild(String rpmbuild, Duration timeout) {
    this.rpmbuild = rpmbuild;
    this.timeout = timeout;
  }

  public RpmBuild() {
    this("rpmbuild", Duration.ofHours(6));
  }

  /**
   * How the builds went; they stop at the first failure.
   *
   * @param failed the spec that failed, or null when all built
   */
  public record Result(List<Path> logs, String failed) {
    public Result {
      logs = List.copyOf(logs);
    }

    public boolean ok() {
      return failed == null;
    }
  }

  /** Builds {@code specs} of {@code specDir} under {@code out} (its topdir, sources and logs). */
  public Result build(Path specDir, List<String> specs, Path out) throws IOException, InterruptedException {
    Path top = out.resolve("rpmbuild").toAbsolutePath();
    Path sources = gather(specDir, top.resolve("SOURCES"));
    List<Path> logs = new ArrayList<>();
    for (String spec : specs) {
      Path log = out.resolve("build-" + spec.replaceAll("\\.spec$", "") + ".log");
      logs.add(log);
      List<String> cmd = List.of(rpmbuild, "-bb", "--define", "_topdir " + top, "--define", "_sourcedir " + sources,
          specDir.resolve(spec).toAbsolutePath().toString());
      Files.writeString(log, String.join(" ", cmd) + "\n\n");
      ProcessBuilder pb = new ProcessBuilder(cmd).directory(specDir.toFile()).redirectErrorStream(true)
          .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
      pb.environment().put("LC_ALL", "C");
      Process p = pb.start();
      p.getOutputStream().close();
      boolean done = p.waitFor(timeout.toSeconds(), TimeUnit.SECONDS);
      if (!done) {
        p.destroyForcibly();
        Files.writeString(log, "\nrpmbuild timed out after " + timeout + "\n", java.nio.file.StandardOpenOption.APPEND);
        return new Result(logs, spec);
      }
      if (p.exitValue() != 0) {
        Files.writeString(log, "\nrpmbuild exited with " + p.exitValue() + "\n", java.nio.file.StandardOpenOption.APPEND);
        return new Result(logs, spec);
      }
    }
    return new Result(logs, null);
  }

  /** Every file of the spec folder, subfolders flattened; a top-level file wins over a nested one of the same name. */
  private static Path gather(Path specDir, Path sources) throws IOException {
    Files.createDirectories(sources);
    List<Path> files;
    try (Stream<Path> walk = Files.walk(specDir)) {
      files = walk.filter(Files::isRegularFile).filter(p -> !p.toString().contains("/.git/"))
          .sorted((a, b) -> Integer.compare(a.getNameCount(), b.getNameCount())).toList();
    }
    for (Path f : files) {
      Path to = sources.resolve(f.getFileName().toString());
      if (!Files.exists(to)) {
        Files.copy(f, to, StandardCopyOption.COPY_ATTRIBUTES);
      }
    }
    return sources;
  }
}
