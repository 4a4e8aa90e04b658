package dev.patchflow.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The packaged `patchflow.jar`, for tests that run Patchflow as a process of its own (to kill it). */
public final class PackagedJar {
  private PackagedJar() {}

  /** `java -jar patchflow.jar ARGS...` with this JVM's java. */
  public static ProcessBuilder command(String... args) {
    String jar = System.getProperty("patchflow.jar", "target/patchflow.jar");
    assertThat(Path.of(jar)).as("the packaged jar (run with mvn verify)").exists();
    List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-jar", jar));
    cmd.addAll(List.of(args));
    return new ProcessBuilder(cmd);
  }
}
