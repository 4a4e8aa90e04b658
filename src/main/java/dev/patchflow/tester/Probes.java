package dev.patchflow.tester;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs capability probes on this host: each is a script that exits 0 where the host has the
 * capability. A probe that fails, hangs past its time or cannot run means "not here".
 */
public final class Probes {
  private static final Logger LOG = LoggerFactory.getLogger(Probes.class);
  static final Duration TIMEOUT = Duration.ofSeconds(60);

  private Probes() {}

  /** The names of the probes that pass, in the order given. */
  public static Set<String> passing(Map<String, String> probes, Path dir) throws InterruptedException {
    Set<String> out = new LinkedHashSet<>();
    for (Map.Entry<String, String> p : probes.entrySet()) {
      ScriptRun.Outcome o;
      try {
        o = new ScriptRun().run(p.getValue(), dir, Map.of("PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin")),
            TIMEOUT, bytes -> { });
      } catch (IOException e) {
        LOG.atWarn().addKeyValue("probe", p.getKey()).log("probe could not run: " + e.getMessage());
        continue;
      }
      boolean has = o instanceof ScriptRun.Exited e && e.code() == 0;
      LOG.atInfo().addKeyValue("probe", p.getKey()).addKeyValue("has", has).log("capability probe");
      if (has) {
        out.add(p.getKey());
      }
    }
    return out;
  }
}
