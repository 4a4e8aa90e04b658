package dev.patchflow.bench;

import java.io.PrintStream;
import java.util.Locale;

/**
 * Where figures go: one {@code NAME.metric value unit} line each on the real stdout, so that a
 * run's stdout can be pasted or diffed as it is. Everything else the harness says goes to
 * stderr; {@link BenchMain} points System.out there so library chatter cannot slip in.
 */
final class Figures {
  private final PrintStream out;

  Figures(PrintStream out) {
    this.out = out;
  }

  void add(String name, double value, String unit) {
    out.println(name + " " + format(value) + " " + unit);
    out.flush();
  }

  /** Large figures as whole numbers (2450 msg/s), small ones with two decimals (3.14 s). */
  static String format(double value) {
    if (Math.abs(value) >= 100 || value == Math.rint(value)) {
      return String.format(Locale.ROOT, "%.0f", value);
    }
    return String.format(Locale.ROOT, "%.2f", value);
  }
}
