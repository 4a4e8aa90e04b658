package dev.patchflow.cli;

import dev.patchflow.backport.CronExpression;
import dev.patchflow.backport.CronToOnCalendar;
import dev.patchflow.backport.CrontabEntry;
import dev.patchflow.backport.InstallScripts;
import dev.patchflow.backport.InstallScripts.Schedule;
import dev.patchflow.backport.RunLogFiles;
import dev.patchflow.backport.config.BackportConfig;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "install", mixinStandardHelpOptions = true,
    description = "Set up unattended backport runs: run-now and status scripts in the install directory, and a"
        + " systemd timer (where systemd runs) or a crontab entry that starts run-now on the cron schedule."
        + " Installing again replaces what an earlier install wrote; --uninstall removes it (logs are kept).")
final class BackportInstallCommand implements Callable<Integer> {
  static final Path DEFAULT_SYSTEMD_DIR = Path.of("/etc/systemd/system");
  /** Present while systemd is the running init (what sd_booted(3) checks). */
  static final Path SYSTEMD_MARKER = Path.of("/run/systemd/system");
  /** The command run-now runs for each kernel line, before {@code --kernel K}: the backport pipeline's. */
  static final List<String> RUN_COMMAND = List.of("backport");
  private static final String SAFE_PATH = "[A-Za-z0-9._/+@:-]+";

  @Mixin Environment env;
  @Spec CommandSpec spec;

  @Option(names = "--install-dir", paramLabel = "DIR", defaultValue = "/opt/patchflow-backport",
      description = "Where run-now, status and a copy of the jar go (default ${DEFAULT-VALUE}).")
  Path installDir;

  @Option(names = "--log-dir", paramLabel = "DIR",
      description = "Run folders, kernel logs and summary.log (default: the config's backport.log_dir, where serve's "
          + "backport page looks, else HOME/logs/backport).")
  Path logDir;

  @Option(names = "--cron", paramLabel = "'M H DOM MON DOW'", defaultValue = "0 2 * * *",
      description = "When to run, as a 5-field crontab schedule in host time (default '${DEFAULT-VALUE}').")
  String cron;

  @Option(names = "--kernels", paramLabel = "X.Y", defaultValue = "5.10,6.1,6.12", split = ",",
      description = "The kernel lines each run works on (default ${DEFAULT-VALUE}).")
  List<String> kernels;

  @Option(names = "--no-cron", description = "Install the scripts only, no timer or crontab entry.")
  boolean noCron;

  @Option(names = "--uninstall", description = "Remove the scripts, the timer or crontab entry and the jar copy.")
  boolean uninstall;

  @Option(names = "--systemd-dir", paramLabel = "DIR",
      description = "Use a systemd timer, its units written here (default: /etc/systemd/system when systemd runs).")
  Path systemdDir;

  @Option(names = "--crontab", paramLabel = "FILE",
      description = "Use cron, the entry written to this file (default: the user's crontab, through crontab(1)).")
  Path crontabFile;

  private PrintWriter out;

  @Override
  public Integer call() throws IOException, InterruptedException {
    out = spec.commandLine().getOut();
    if (systemdDir != null && crontabFile != null) {
      throw new UserError("--systemd-dir and --crontab: give one (systemd timer or cron entry)");
    }
    installDir = safe("--install-dir", installDir);
    if (logDir != null) {
      logDir = safe("--log-dir", logDir);
    }
    Schedule schedule = noCron ? Schedule.NONE : systemdDir != null ? Schedule.SYSTEMD
        : crontabFile != null ? Schedule.CRON : systemdRunning(SYSTEMD_MARKER) ? Schedule.SYSTEMD : Schedule.CRON;
    if (uninstall) {
      uninstall();
      return 0;
    }
    for (String k : kernels) {
      if (!k.matches("\\d+\\.\\d+")) {
        throw new UserError("--kernels: '" + k + "' is not a kernel line like 6.1");
      }
    }
    try {
      CronExpression.parse(cron);
      if (schedule == Schedule.SYSTEMD) {
        CronToOnCalendar.convert(cron);
      }
    } catch (IllegalArgumentException e) {
      throw new UserError("--cron: " + e.getMessage());
    }
    Path config = (env.config != null ? env.config : env.home().resolve("patchflow.yaml")).toAbsolutePath();
    if (!Files.isRegularFile(config)) {
      throw new UserError("--config: no config file at " + config);
    }
    // a config that does not load, or has no backport: section, would fail every run: say so now
    BackportConfig backport = env.config().backport();
    if (backport == null) {
      throw new UserError("--config: " + config + " has no backport: section (see deploy/backport/photon.yaml)");
    }
    Path configured = safe("backport.log_dir", BackportRuns.logDir(backport, env.home()));
    if (logDir == null) {
      logDir = configured;
    } else if (!logDir.equals(configured)) {
      out.println("note: serve's backport page shows the runs in backport.log_dir (" + configured
          + "), not in " + logDir + "; set backport.log_dir to it to see these runs there");
    }
    install(schedule, config);
    return 0;
  }

  private void install(Schedule schedule, Path config) throws IOException, InterruptedException {
    Files.createDirectories(installDir);
    Files.createDirectories(logDir);
    List<String> args = new ArrayList<>(RUN_COMMAND);
    if (env.home != null) {
      args.addAll(List.of("--home", env.home.toAbsolutePath().toString()));
    }
    args.addAll(List.of("--config", config.toString()));
    InstallScripts.Settings s = new InstallScripts.Settings(installDir, logDir, cron.trim(), kernels, java(), args,
        schedule, crontabFile == null ? null : crontabFile.toAbsolutePath(), (int) RunLogFiles.DEFAULT_RETENTION.toDays());
    writeScript(InstallScripts.runNowPath(installDir), InstallScripts.runNow(s));
    writeScript(InstallScripts.statusPath(installDir), InstallScripts.status(s));
    Path units = systemdDir != null ? systemdDir : DEFAULT_SYSTEMD_DIR;
    if (schedule == Schedule.SYSTEMD) {
      Files.createDirectories(units);
      write(units.resolve(InstallScripts.UNIT + ".service"), InstallScripts.service(s));
      write(units.resolve(InstallScripts.UNIT + ".timer"), InstallScripts.timer(s));
      if (units.equals(DEFAULT_SYSTEMD_DIR)) {
        run("systemctl", "daemon-reload");
        run("systemctl", "enable", "--now", InstallScripts.UNIT + ".timer");
        out.println("timer enabled: " + InstallScripts.UNIT + ".timer");
      } else {
        out.println("to start it: systemctl daemon-reload && systemctl enable --now " + InstallScripts.UNIT + ".timer");
      }
    } else if (schedule == Schedule.CRON) {
      String before = readCrontab();
      String after = CrontabEntry.install(before, cron.trim(), InstallScripts.cronCommand(s));
      writeCrontab(after);
      out.println("crontab entry: " + cron.trim() + " " + InstallScripts.cronCommand(s));
    } else {
      removeSchedules(); // --no-cron after a scheduled install: take the schedule away
    }
    out.println("status: " + InstallScripts.statusPath(installDir) + "   run now: " + InstallScripts.runNowPath(installDir));
  }

  private void uninstall() throws IOException, InterruptedException {
    removeSchedules();
    for (String name : List.of("run-now", "status", "patchflow.jar")) {
      if (Files.deleteIfExists(installDir.resolve(name))) {
        out.println("removed " + installDir.resolve(name));
      }
    }
    removeIfEmpty(installDir);
    if (logDir != null && !removeIfEmpty(logDir) && Files.isDirectory(logDir)) {
      out.println("logs kept in " + logDir);
    }
  }

  /** Our timer and crontab entry, wherever this call points (or, by default, both usual places). */
  private void removeSchedules() throws IOException, InterruptedException {
    if (crontabFile == null) {
      Path units = systemdDir != null ? systemdDir : DEFAULT_SYSTEMD_DIR;
      Path timer = units.resolve(InstallScripts.UNIT + ".timer");
      Path service = units.resolve(InstallScripts.UNIT + ".service");
      boolean ours = Files.exists(timer) || Files.exists(service);
      if (ours && units.equals(DEFAULT_SYSTEMD_DIR)) {
        run("systemctl", "disable", "--now", InstallScripts.UNIT + ".timer");
      }
      for (Path p : List.of(timer, service)) {
        if (Files.deleteIfExists(p)) {
          out.println("removed " + p);
        }
      }
      if (ours && units.equals(DEFAULT_SYSTEMD_DIR)) {
        run("systemctl", "daemon-reload");
      }
    }
    if (systemdDir == null && (crontabFile != null || hasCrontabCommand())) {
      String before = readCrontab();
      if (CrontabEntry.contains(before)) {
        writeCrontab(CrontabEntry.remove(before));
        out.println("removed the crontab entry");
      }
    }
  }

  static boolean systemdRunning(Path marker) {
    return Files.isDirectory(marker);
  }

  private static Path safe(String option, Path p) {
    Path abs = p.toAbsolutePath().normalize();
    if (!abs.toString().matches(SAFE_PATH)) {
      throw new UserError(option + ": '" + p + "' has characters a unit file or crontab would misread (spaces, quotes, %)");
    }
    return abs;
  }

  /** As the ./patchflow launcher runs backport: a run's work is in git and rpm, and C2 would take a core from them. */
  private static final String QUICK_JIT = "-XX:TieredStopAtLevel=1";

  /** Runs Patchflow's classes from a copy of this jar, so rebuilding the checkout does not change a scheduled run. */
  private List<String> java() throws IOException {
    String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Path self;
    try {
      self = Path.of(BackportInstallCommand.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    } catch (java.net.URISyntaxException | RuntimeException e) {
      self = null;
    }
    if (self != null && Files.isRegularFile(self) && self.toString().endsWith(".jar")) {
      Path copy = installDir.resolve("patchflow.jar");
      if (!Files.exists(copy) || !Files.isSameFile(self, copy)) {
        Files.copy(self, copy, StandardCopyOption.REPLACE_EXISTING);
      }
      out.println("wrote " + copy);
      return List.of(javaBin, QUICK_JIT, "-cp", copy.toString());
    }
    // running from classes (a checkout's build): use them where they are
    return List.of(javaBin, QUICK_JIT, "-cp", System.getProperty("java.class.path"));
  }

  private void writeScript(Path p, String text) throws IOException {
    write(p, text);
    Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxr-xr-x"));
  }

  private void write(Path p, String text) throws IOException {
    Files.writeString(p, text, StandardCharsets.UTF_8);
    out.println("wrote " + p);
  }

  private static boolean removeIfEmpty(Path dir) throws IOException {
    if (!Files.isDirectory(dir)) {
      return false;
    }
    try (var entries = Files.list(dir)) {
      if (entries.findAny().isPresent()) {
        return false;
      }
    }
    Files.delete(dir);
    return true;
  }

  private String readCrontab() throws IOException, InterruptedException {
    if (crontabFile != null) {
      return Files.exists(crontabFile) ? Files.readString(crontabFile, StandardCharsets.UTF_8) : "";
    }
    if (!hasCrontabCommand()) {
      throw new UserError("no crontab command on this host: install cron, or give --crontab FILE or --systemd-dir DIR");
    }
    Result r = exec(null, "crontab", "-l");
    // "no crontab for <user>" is an empty crontab, not an error
    return r.code == 0 ? r.out : "";
  }

  private void writeCrontab(String text) throws IOException, InterruptedException {
    if (crontabFile != null) {
      Files.writeString(crontabFile, text, StandardCharsets.UTF_8);
      out.println("wrote " + crontabFile);
      return;
    }
    Result r = exec(text, "crontab", "-");
    if (r.code != 0) {
      throw new UserError("crontab -: " + r.err.strip());
    }
  }

  private static boolean hasCrontabCommand() {
    String path = System.getenv("PATH");
    return path != null && Arrays.stream(path.split(":")).anyMatch(d -> !d.isEmpty() && Files.isExecutable(Path.of(d, "crontab")));
  }

  private void run(String... cmd) throws IOException, InterruptedException {
    Result r = exec(null, cmd);
    if (r.code != 0) {
      throw new UserError(String.join(" ", cmd) + ": " + (r.err.isBlank() ? "exit status " + r.code : r.err.strip()));
    }
  }

  private record Result(int code, String out, String err) {}

  private static Result exec(String input, String... cmd) throws IOException, InterruptedException {
    Process p;
    try {
      p = new ProcessBuilder(cmd).start();
    } catch (IOException e) {
      throw new UserError(cmd[0] + ": " + e.getMessage());
    }
    try (var in = p.getOutputStream()) {
      if (input != null) {
        in.write(input.getBytes(StandardCharsets.UTF_8));
      }
    }
    var err = new java.util.concurrent.CompletableFuture<String>();
    Thread t = new Thread(() -> {
      try {
        err.complete(new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8));
      } catch (IOException e) {
        err.complete("");
      }
    });
    t.start();
    String stdout = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    int code = p.waitFor();
    t.join();
    return new Result(code, stdout, err.getNow(""));
  }
}
