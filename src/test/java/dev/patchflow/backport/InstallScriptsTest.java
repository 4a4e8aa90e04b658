package dev.patchflow.backport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The generated run-now and status scripts, run by /bin/sh with a stand-in for java. */
class InstallScriptsTest {
  @TempDir Path tmp;
  Path logs;
  Path calls;

  @BeforeEach
  void setUp() throws Exception {
    assumeThat(Files.isExecutable(Path.of("/usr/bin/flock"))).as("flock(1) installed").isTrue();
    logs = tmp.resolve("logs");
    calls = tmp.resolve("calls");
  }

  /** A "java" that records its arguments and prints what the kernel run would: counts, or a failure for 6.1. */
  private InstallScripts.Settings settings(String behaviour) throws Exception {
    Path stub = tmp.resolve("java-stub");
    Files.writeString(stub, "#!/bin/sh\necho \"$@\" >> '" + calls + "'\n" + behaviour);
    Files.setPosixFilePermissions(stub, PosixFilePermissions.fromString("rwx------"));
    return new InstallScripts.Settings(tmp.resolve("opt"), logs, "0 2 * * *", List.of("5.10", "6.1"),
        List.of(stub.toString()), List.of("backport", "--config", "/etc/p f.yaml"), InstallScripts.Schedule.NONE, null, 30);
  }

  private Path write(String name, String text) throws Exception {
    Path p = Files.writeString(Files.createDirectories(tmp.resolve("opt")).resolve(name), text);
    Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwx------"));
    return p;
  }

  private record Ran(int code, String out) {}

  private static Ran sh(Path script, String... args) throws Exception {
    List<String> cmd = new java.util.ArrayList<>(List.of("/bin/sh", script.toString()));
    cmd.addAll(List.of(args));
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    return new Ran(p.waitFor(), out);
  }

  @Test
  void runNowRunsEachKernelAndWritesOneSummaryLine() throws Exception {
    InstallScripts.Settings s = settings("echo \"working on $6\"\necho 'backport-counts: success=1 already_integrated=2'\n");
    Files.createDirectories(logs);
    Path old = Files.writeString(logs.resolve("kernel_6.1_20200101T000000Z.log"), "old");
    Files.setLastModifiedTime(old, FileTime.from(Instant.now().minus(Duration.ofDays(40))));
    Ran r = sh(write("run-now", InstallScripts.runNow(s)));
    assertThat(r.code()).as(r.out()).isZero();

    assertThat(Files.readAllLines(calls)).containsExactly(
        "dev.patchflow.cli.Main backport --config /etc/p f.yaml --kernel 5.10",
        "dev.patchflow.cli.Main backport --config /etc/p f.yaml --kernel 6.1");
    List<String> summary = Files.readAllLines(logs.resolve("summary.log"));
    assertThat(summary).hasSize(1);
    RunSummary line = RunSummary.parse(summary.get(0));
    assertThat(line).isInstanceOf(RunSummary.Completed.class);
    assertThat(((RunSummary.Completed) line).counts()).containsExactly(java.util.Map.entry("success", 2),
        java.util.Map.entry("already_integrated", 4), java.util.Map.entry("kernels_ok", 2), java.util.Map.entry("kernels_failed", 0));
    String id = line.runId();
    assertThat(logs.resolve("kernel_5.10_" + id + ".log")).content().contains("working on 5.10");
    assertThat(logs.resolve("kernel_6.1_" + id + ".log")).content().contains("working on 6.1");
    assertThat(logs.resolve("backport_" + id + ".log")).content().contains("kernel 6.1: exit status 0");
    assertThat(old).doesNotExist();

    Path status = write("status", InstallScripts.status(s));
    Ran st = sh(status);
    assertThat(st.out()).contains("Last runs (" + logs + "/summary.log):").contains("  " + summary.get(0))
        .contains("Kernels: 5.10 6.1").contains("Schedule: none");
  }

  @Test
  void networkFailureStopsTheRunWithAFailedLineAndExitZero() throws Exception {
    InstallScripts.Settings s = settings("echo 'backport-failed: network unavailable (cdn.kernel.org:443: timed out)'\n");
    Ran r = sh(write("run-now", InstallScripts.runNow(s)));
    assertThat(r.code()).isZero();
    assertThat(Files.readAllLines(calls)).hasSize(1);
    assertThat(Files.readString(logs.resolve("summary.log")))
        .matches("\\S+ run \\S+ FAILED: network unavailable \\(cdn.kernel.org:443: timed out\\)\n");
  }

  @Test
  void failingKernelIsCountedAndTheExitStatusSaysSo() throws Exception {
    InstallScripts.Settings s = settings("[ \"$6\" = 6.1 ] && exit 3\nexit 0\n");
    Ran r = sh(write("run-now", InstallScripts.runNow(s)));
    assertThat(r.code()).isNotZero();
    assertThat(Files.readString(logs.resolve("summary.log"))).contains("COMPLETED: kernels_ok=1 kernels_failed=1");
  }

  @Test
  void aRunHoldingTheLockMakesTheNextOneSkip() throws Exception {
    InstallScripts.Settings s = settings("exit 0\n");
    Files.createDirectories(logs);
    Process holder = new ProcessBuilder("flock", logs.resolve("backport.lock").toString(), "sh", "-c", "echo held; sleep 30")
        .start();
    try {
      assertThat(new String(holder.getInputStream().readNBytes(5), StandardCharsets.UTF_8)).isEqualTo("held\n");
      Ran r = sh(write("run-now", InstallScripts.runNow(s)));
      assertThat(r.code()).isZero();
      assertThat(Files.readString(logs.resolve("summary.log"))).contains("SKIPPED: another run holds the lock");
      assertThat(calls).doesNotExist();
      assertThat(sh(write("status", InstallScripts.status(s))).out()).contains("A run is going on now.");
    } finally {
      holder.descendants().forEach(ProcessHandle::destroy);
      holder.destroy();
      holder.waitFor();
    }
  }
}
