package dev.patchflow.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code ./patchflow} launcher as a user runs it, on the packaged jar: the first run of a
 * command records a class-data archive that later runs of it map, and that recording run, the
 * one the script does not exec, still reads the user's stdin and stops when the script is told to.
 */
class LauncherIT {
  @TempDir Path tmp;

  private ProcessBuilder launcher(String... args) {
    List<String> cmd = new ArrayList<>(List.of(Path.of("patchflow").toAbsolutePath().toString()));
    cmd.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
    pb.environment().put("PATCHFLOW_JAR", Path.of(System.getProperty("patchflow.jar", "target/patchflow.jar"))
        .toAbsolutePath().toString());
    pb.environment().put("PATCHFLOW_CDS_DIR", tmp.resolve("cds").toString());
    pb.environment().remove("PATCHFLOW_JAVA_OPTS");
    return pb;
  }

  private static String run(ProcessBuilder pb, String stdin) throws Exception {
    Process p = pb.start();
    p.getOutputStream().write(stdin.getBytes(StandardCharsets.UTF_8));
    p.getOutputStream().close();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(out).isZero();
    return out;
  }

  private List<Path> archives() throws IOException {
    if (!Files.isDirectory(tmp.resolve("cds"))) {
      return List.of();
    }
    try (Stream<Path> files = Files.list(tmp.resolve("cds"))) {
      return files.filter(f -> f.getFileName().toString().endsWith(".jsa")).toList();
    }
  }

  @Test
  void theFirstRunOfACommandRecordsAnArchiveThatTheNextRunMaps() throws Exception {
    assertThat(run(launcher("--version"), "")).isEqualTo("patchflow 0.1\n");
    List<Path> recorded = archives();
    assertThat(recorded).hasSize(1);
    assertThat(recorded.get(0).getFileName().toString()).startsWith("patchflow-other-");
    ProcessBuilder again = launcher("--version");
    again.environment().put("PATCHFLOW_JAVA_OPTS", "-Xlog:class+load=info:file=" + tmp.resolve("classes.log"));
    assertThat(run(again, "")).isEqualTo("patchflow 0.1\n");
    assertThat(Files.readString(tmp.resolve("classes.log")))
        .containsPattern("dev\\.patchflow\\.cli\\.Main source: shared objects file \\(top\\)");
    assertThat(archives()).isEqualTo(recorded);
  }

  @Test
  void theRecordingRunReadsStdin() throws Exception {
    String out = run(launcher("admin", "user", "add", "ada", "--email", "ada@example.org", "--password-stdin",
        "--home", tmp.resolve("home").toString()), "a-long-password\n");
    assertThat(out).contains("added user ada");
    assertThat(archives()).hasSize(1);
  }

  @Test
  void theRecordingRunStopsWhenTheScriptIsTerminated() throws Exception {
    Process p = launcher("serve", "--port", "0", "--no-demo", "--home", tmp.resolve("home").toString()).start();
    try (InputStream out = p.getInputStream()) {
      StringBuilder seen = new StringBuilder();
      while (!seen.toString().contains("is serving")) {
        int c = out.read();
        assertThat(c).as("serve's output so far: %s", seen).isNotNegative();
        seen.append((char) c);
      }
      List<ProcessHandle> jvm = p.descendants().toList();
      assertThat(jvm).isNotEmpty();
      // to the script's pid only, as a supervisor would send it
      new ProcessBuilder("kill", "-TERM", String.valueOf(p.pid())).start().waitFor();
      assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
      assertThat(jvm).allSatisfy(h -> assertThat(h.isAlive()).isFalse());
      // stopped by a signal: the archive it was recording is not kept
      assertThat(archives()).isEmpty();
    } finally {
      p.descendants().forEach(ProcessHandle::destroyForcibly);
      p.destroyForcibly();
    }
  }
}
