package dev.patchflow.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.patchflow.backport.CrontabEntry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code patchflow backport install} into temp directories, systemd and cron both. */
class BackportInstallCommandTest {
  @TempDir Path tmp;
  Path install;
  Path logs;
  Path config;

  private CliRun backportInstall(String... more) {
    List<String> args = new ArrayList<>(List.of("backport", "install", "--install-dir", install.toString(),
        "--log-dir", logs.toString(), "--config", config.toString()));
    args.addAll(List.of(more));
    return CliRun.of(args.toArray(String[]::new));
  }

  @BeforeEach
  void setUp() throws Exception {
    install = tmp.resolve("opt/patchflow-backport");
    logs = tmp.resolve("log/patchflow-backport");
    config = Files.writeString(tmp.resolve("patchflow.yaml"), """
        backport:
          upstream: /srv/linux.git
          log_dir: %s
          changelog: {author: "A <a@example.org>"}
          kernels:
            - {kernel: "6.1", repo: vmware/photon, branch: "5.0", spec_dir: SPECS/linux, specs: {base: linux.spec}}
        """.formatted(logs));
  }

  private static List<Path> tree(Path dir) throws Exception {
    if (!Files.exists(dir)) {
      return List.of();
    }
    try (Stream<Path> s = Files.walk(dir)) {
      return s.sorted().toList();
    }
  }

  @Test
  void systemdTimerAndScripts() throws Exception {
    Path units = tmp.resolve("systemd");
    CliRun r = backportInstall("--systemd-dir", units.toString(), "--cron", "30 1 * * 1-5", "--kernels", "6.1,6.12");
    assertThat(r.code()).as(r.err()).isZero();

    String timer = Files.readString(units.resolve("patchflow-backport.timer"));
    assertThat(timer).contains("OnCalendar=Mon,Tue,Wed,Thu,Fri *-*-* 01:30:00\n").contains("Persistent=true")
        .contains("WantedBy=timers.target");
    assertThat(Files.readString(units.resolve("patchflow-backport.service")))
        .contains("Type=oneshot").contains("ExecStart=" + install.resolve("run-now") + "\n");
    String runNow = Files.readString(install.resolve("run-now"));
    assertThat(runNow).startsWith("#!/bin/sh\n").contains("KERNELS='6.1 6.12'").contains("LOG_DIR='" + logs + "'")
        .contains("'backport' '--config' '" + config + "' --kernel \"$k\"").contains("flock -n 9");
    assertThat(Files.isExecutable(install.resolve("run-now"))).isTrue();
    assertThat(Files.readString(install.resolve("status")))
        .contains("systemctl is-active --quiet patchflow-backport.timer").contains("NextElapseUSecRealtime");
    assertThat(Files.isDirectory(logs)).isTrue();
    assertThat(r.out()).contains("systemctl daemon-reload && systemctl enable --now patchflow-backport.timer");
    assertThat(tmp.resolve("crontab")).doesNotExist();
  }

  @Test
  void cronEntryIsReplacedOnReinstallAndUninstallLeavesOtherLines() throws Exception {
    Path crontab = tmp.resolve("crontab");
    String original = "MAILTO=ops@example.org\n15 * * * * /usr/local/bin/other-job\n";
    Files.writeString(crontab, original);
    Path unrelated = Files.createDirectories(tmp.resolve("opt")).resolve("keep.txt");
    Files.writeString(unrelated, "not ours");

    CliRun first = backportInstall("--crontab", crontab.toString());
    assertThat(first.code()).as(first.err()).isZero();
    assertThat(Files.readString(crontab)).isEqualTo(original + CrontabEntry.MARKER + "\n0 2 * * * '"
        + install.resolve("run-now") + "' >/dev/null 2>&1\n");
    assertThat(Files.readString(install.resolve("status"))).contains("Schedule: cron '0 2 * * *'")
        .contains("cat '" + crontab + "'").contains("dev.patchflow.backport.CronExpression '0 2 * * *'");
    assertThat(Files.readString(install.resolve("run-now"))).contains("KERNELS='5.10 6.1 6.12'");
    List<Path> afterFirst = tree(tmp);

    CliRun again = backportInstall("--crontab", crontab.toString(), "--cron", "0 3 * * 0");
    assertThat(again.code()).as(again.err()).isZero();
    String text = Files.readString(crontab);
    assertThat(text).startsWith(original).contains("\n0 3 * * 0 '").doesNotContain("0 2 * * *");
    assertThat(text.lines().filter(CrontabEntry.MARKER::equals)).hasSize(1);
    assertThat(tree(tmp)).as("same files as the first install").isEqualTo(afterFirst);

    CliRun gone = backportInstall("--crontab", crontab.toString(), "--uninstall");
    assertThat(gone.code()).as(gone.err()).isZero();
    assertThat(Files.readString(crontab)).isEqualTo(original);
    assertThat(install).doesNotExist();
    assertThat(logs).doesNotExist();
    assertThat(unrelated).hasContent("not ours");
  }

  @Test
  void uninstallKeepsLogsAndForeignFiles() throws Exception {
    Path units = tmp.resolve("systemd");
    Files.createDirectories(units);
    Path other = Files.writeString(units.resolve("other.service"), "[Service]\n");
    assertThat(backportInstall("--systemd-dir", units.toString()).code()).isZero();
    Files.writeString(logs.resolve("summary.log"), "2026-12-01T02:00:00Z run 20261201T020000Z COMPLETED:\n");
    Path mine = Files.writeString(install.resolve("notes.txt"), "the operator's");

    CliRun r = backportInstall("--systemd-dir", units.toString(), "--uninstall");
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(tree(units)).containsExactly(units, other);
    assertThat(tree(install)).containsExactly(install, mine);
    assertThat(logs.resolve("summary.log")).exists();
    assertThat(r.out()).contains("logs kept in " + logs);
  }

  @Test
  void noCronWritesScriptsOnlyAndTakesAnEarlierEntryAway() throws Exception {
    Path crontab = tmp.resolve("crontab");
    assertThat(backportInstall("--crontab", crontab.toString()).code()).isZero();
    assertThat(CrontabEntry.contains(Files.readString(crontab))).isTrue();

    CliRun r = backportInstall("--crontab", crontab.toString(), "--no-cron");
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(Files.readString(crontab)).isEmpty();
    assertThat(install.resolve("run-now")).exists();
    assertThat(Files.readString(install.resolve("status"))).contains("Schedule: none");
  }

  @Test
  void badCronIsRefusedNamingIt() throws Exception {
    CliRun r = backportInstall("--crontab", tmp.resolve("crontab").toString(), "--cron", "0 2 * * MON");
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).contains("--cron: cron expression '0 2 * * MON': day-of-week 'MON'");
    assertThat(install).doesNotExist();
    assertThat(tmp.resolve("crontab")).doesNotExist();

    CliRun fields = backportInstall("--crontab", tmp.resolve("crontab").toString(), "--cron", "0 2 * *");
    assertThat(fields.err()).contains("want 5 fields");
  }

  @Test
  void otherMistakes() throws Exception {
    assertThat(backportInstall("--crontab", "c", "--systemd-dir", "d").err()).contains("give one");
    assertThat(backportInstall("--crontab", "c", "--kernels", "6.1,latest").err()).contains("'latest'");
    assertThat(CliRun.of("backport", "install", "--install-dir", tmp.resolve("a b").toString(), "--crontab", "c").err())
        .contains("--install-dir");
    assertThat(CliRun.of("backport", "install", "--install-dir", install.toString(), "--log-dir", logs.toString(),
        "--config", tmp.resolve("missing.yaml").toString(), "--crontab", "c").err()).contains("missing.yaml");
  }

  /** One log directory: run-now's summary.log beside the run folders serve's page reads. */
  @Test
  void theLogDirIsTheConfigsUnlessGivenAndThenTheDifferenceIsSaid() throws Exception {
    CliRun r = CliRun.of("backport", "install", "--install-dir", install.toString(), "--config", config.toString(),
        "--no-cron");
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(Files.readString(install.resolve("run-now"))).contains("LOG_DIR='" + logs + "'\n");
    assertThat(r.out()).doesNotContain("note:");
    Path elsewhere = tmp.resolve("elsewhere");
    r = CliRun.of("backport", "install", "--install-dir", install.toString(), "--config", config.toString(), "--no-cron",
        "--log-dir", elsewhere.toString());
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(Files.readString(install.resolve("run-now"))).contains("LOG_DIR='" + elsewhere + "'\n");
    assertThat(r.out()).contains("note: serve's backport page shows the runs in backport.log_dir (" + logs + ")");
    Files.writeString(config, "");
    assertThat(CliRun.of("backport", "install", "--install-dir", install.toString(), "--config", config.toString(),
        "--no-cron").err()).contains("has no backport: section");
  }

  @Test
  void helpShowsTheDefaults() {
    CliRun r = CliRun.of("backport", "install", "--help");
    assertThat(r.code()).isZero();
    assertThat(r.out().replaceAll("\\s+", " ")).contains("(default /opt/patchflow-backport)")
        .contains("(default: the config's backport.log_dir, where serve's backport page looks, else HOME/logs/backport)")
        .contains("(default '0 2 * * *')").contains("(default 5.10,6.1,6.12)");
  }

  @Test
  void systemdDetection() throws Exception {
    assertThat(BackportInstallCommand.systemdRunning(tmp.resolve("run/systemd/system"))).isFalse();
    Files.createDirectories(tmp.resolve("run/systemd/system"));
    assertThat(BackportInstallCommand.systemdRunning(tmp.resolve("run/systemd/system"))).isTrue();
  }
}
