package dev.patchflow.backport;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The text of what {@code patchflow backport install} writes: the {@code run-now} and
 * {@code status} scripts and the systemd service and timer. Pure; the command does the writing.
 *
 * <p>run-now runs each kernel line in turn, under {@code flock} on {@code backport.lock} in the log
 * directory; its kernel runs (told by {@code PATCHFLOW_BACKPORT_RUN_ID}) take no lock of their own.
 * A run started any other way takes the same flock lock in {@link RunLogFiles#tryLock}, so a run
 * by hand or from serve's schedule and run-now keep each other out. Each line's output goes into
 * {@code kernel_<k>_<run>.log}, run-now's own into {@code backport_<run>.log}, and run-now writes
 * the run's one {@code summary.log} line. A kernel run can shape that line by printing, on a line of its own,
 * {@code backport-counts: success=3 already_integrated=5 ...} (summed over the kernels) or
 * {@code backport-failed: <reason>} (e.g. the network pre-flight failed: the run stops there and
 * the line says FAILED). Run and kernel logs older than the retention are deleted after each run.
 */
public final class InstallScripts {
  public static final String UNIT = "patchflow-backport";

  public enum Schedule { SYSTEMD, CRON, NONE }

  /**
   * @param java the command that runs a main class of Patchflow, e.g. {@code [java, -cp, /opt/x/patchflow.jar]}
   * @param patchflowArgs what follows {@code dev.patchflow.cli.Main} before {@code --kernel K}, e.g.
   *     {@code [backport, --config, /etc/patchflow/patchflow.yaml]}
   * @param crontabFile where the cron entry is, when not the user's crontab ({@code crontab -l})
   */
  public record Settings(Path installDir, Path logDir, String cron, List<String> kernels, List<String> java,
      List<String> patchflowArgs, Schedule schedule, Path crontabFile, int retentionDays) {
    public Settings {
      kernels = List.copyOf(kernels);
      java = List.copyOf(java);
      patchflowArgs = List.copyOf(patchflowArgs);
    }
  }

  private InstallScripts() {}

  public static Path runNowPath(Path installDir) {
    return installDir.resolve("run-now");
  }

  public static Path statusPath(Path installDir) {
    return installDir.resolve("status");
  }

  public static String runNow(Settings s) {
    return """
        #!/bin/sh
        # Written by 'patchflow backport install'; install again to change it.
        # One unattended backport run: each kernel line in turn, under the run lock (a run already
        # going makes this one a SKIPPED line), one line per run in summary.log. Arguments are
        # passed on to each kernel's run, e.g. run-now --month 2025-03 --skip-push.
        set -u
        LOG_DIR=%s
        KERNELS=%s
        RETENTION_DAYS=%d
        patchflow() { %s dev.patchflow.cli.Main "$@"; }

        now() { date -u +%%Y-%%m-%%dT%%H:%%M:%%SZ; }
        mkdir -p "$LOG_DIR" || exit 1
        RUN_ID=$(date -u +%%Y%%m%%dT%%H%%M%%SZ)
        summary() { echo "$(now) run $RUN_ID $1" >> "$LOG_DIR/summary.log"; }
        exec 9>>"$LOG_DIR/backport.lock"
        if ! flock -n 9; then
          summary "SKIPPED: another run holds the lock"
          exit 0
        fi
        export PATCHFLOW_BACKPORT_RUN_ID="$RUN_ID" PATCHFLOW_BACKPORT_LOG_DIR="$LOG_DIR"
        RUN_LOG="$LOG_DIR/backport_$RUN_ID.log"
        ok=0
        failed=0
        reason=
        for k in $KERNELS; do
          log="$LOG_DIR/kernel_${k}_$RUN_ID.log"
          echo "$(now) kernel $k: started" >> "$RUN_LOG"
          patchflow %s --kernel "$k" "$@" >> "$log" 2>&1 9>&-
          status=$?
          echo "$(now) kernel $k: exit status $status" >> "$RUN_LOG"
          if [ "$status" -eq 0 ]; then ok=$((ok + 1)); else failed=$((failed + 1)); fi
          reason=$(sed -n 's/^backport-failed: //p' "$log" | head -n 1)
          if [ -n "$reason" ]; then break; fi
        done
        if [ -n "$reason" ]; then
          summary "FAILED: $reason"
        else
          counts=$(cat "$LOG_DIR"/kernel_*_"$RUN_ID".log 2>/dev/null | awk '
            /^backport-counts:/ { for (i = 2; i <= NF; i++) { split($i, kv, "="); if (!(kv[1] in n)) order[++c] = kv[1]; n[kv[1]] += kv[2] } }
            END { for (i = 1; i <= c; i++) printf " %%s=%%d", order[i], n[order[i]] }')
          summary "COMPLETED:$counts kernels_ok=$ok kernels_failed=$failed"
        fi
        find "$LOG_DIR" -maxdepth 1 -type f \\( -name 'backport_*.log' -o -name 'kernel_*_*.log' \\) \\
          -mtime +"$RETENTION_DAYS" -exec rm -f {} +
        [ "$failed" -eq 0 ]
        """.formatted(quote(s.logDir().toString()), quote(String.join(" ", s.kernels())), s.retentionDays(),
        argv(s.java()), argv(s.patchflowArgs()));
  }

  public static String status(Settings s) {
    String schedule;
    if (s.schedule() == Schedule.SYSTEMD) {
      schedule = """
          echo "Schedule: systemd timer %1$s.timer (cron '%2$s')"
          if systemctl is-active --quiet %1$s.timer; then echo "Timer: active"; else echo "Timer: not active"; fi
          echo "Next run: $(systemctl show -p NextElapseUSecRealtime --value %1$s.timer 2>/dev/null)"
          """.formatted(UNIT, s.cron());
    } else if (s.schedule() == Schedule.CRON) {
      String read = s.crontabFile() == null ? "crontab -l 2>/dev/null" : "cat " + quote(s.crontabFile().toString()) + " 2>/dev/null";
      schedule = """
          echo "Schedule: cron '%1$s'"
          if %2$s | grep -qxF %3$s; then echo "Cron entry: installed"; else echo "Cron entry: missing"; fi
          echo "Next run: $(%4$s dev.patchflow.backport.CronExpression %5$s)"
          """.formatted(s.cron(), read, quote(CrontabEntry.MARKER), argv(s.java()), quote(s.cron()));
    } else {
      schedule = "echo \"Schedule: none (installed with --no-cron; use run-now)\"\n";
    }
    return """
        #!/bin/sh
        # Written by 'patchflow backport install'; install again to change it.
        # The last runs (default 10; 'status N' for more), whether a run is going on, the schedule.
        LOG_DIR=%s
        echo "Last runs ($LOG_DIR/summary.log):"
        if [ -s "$LOG_DIR/summary.log" ]; then tail -n "${1:-10}" "$LOG_DIR/summary.log" | sed 's/^/  /'; else echo "  none yet"; fi
        if [ -e "$LOG_DIR/backport.lock" ] && ! flock -n "$LOG_DIR/backport.lock" true; then echo "A run is going on now."; fi
        echo "Kernels: %s"
        %s""".formatted(quote(s.logDir().toString()), String.join(" ", s.kernels()), schedule);
  }

  public static String service(Settings s) {
    return """
        # Written by 'patchflow backport install'.
        [Unit]
        Description=Patchflow kernel backport run (kernels %s)
        After=network-online.target
        Wants=network-online.target

        [Service]
        Type=oneshot
        ExecStart=%s
        """.formatted(String.join(" ", s.kernels()), runNowPath(s.installDir()));
  }

  /** Persistent: a run missed while the host was off happens at boot, as the timer's schedule would have had it. */
  public static String timer(Settings s) {
    String calendars = CronToOnCalendar.convert(s.cron()).stream().map(c -> "OnCalendar=" + c + "\n")
        .collect(Collectors.joining());
    return """
        # Written by 'patchflow backport install' from the cron schedule '%s'.
        [Unit]
        Description=Patchflow kernel backport runs

        [Timer]
        %sPersistent=true

        [Install]
        WantedBy=timers.target
        """.formatted(s.cron(), calendars);
  }

  /** The crontab command: run-now, its output already in the logs (cron would mail it). */
  public static String cronCommand(Settings s) {
    return quote(runNowPath(s.installDir()).toString()) + " >/dev/null 2>&1";
  }

  static String argv(List<String> args) {
    List<String> q = new ArrayList<>();
    args.forEach(a -> q.add(quote(a)));
    return String.join(" ", q);
  }

  /** A POSIX shell single-quoted word. */
  static String quote(String s) {
    return "'" + s.replace("'", "'\\''") + "'";
  }
}
