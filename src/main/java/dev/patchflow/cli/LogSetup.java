package dev.patchflow.cli;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.core.joran.spi.JoranException;
import java.nio.file.Path;
import org.slf4j.LoggerFactory;

/**
 * Points the logs at HOME/logs once the home directory is known: a rotated file with every
 * event (key=value pairs kept), and warnings on stderr.
 */
final class LogSetup {
  private LogSetup() {}

  static void init(Path dir) {
    LoggerContext ctx = (LoggerContext) LoggerFactory.getILoggerFactory();
    ctx.reset();
    ctx.putProperty("LOG_DIR", dir.toAbsolutePath().toString());
    JoranConfigurator jc = new JoranConfigurator();
    jc.setContext(ctx);
    try {
      jc.doConfigure(LogSetup.class.getResource("/patchflow-logback.xml"));
    } catch (JoranException e) {
      System.err.println("patchflow: logging setup failed: " + e.getMessage());
    }
  }
}
