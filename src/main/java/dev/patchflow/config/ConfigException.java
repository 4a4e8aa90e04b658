package dev.patchflow.config;

import java.util.List;

/** The configuration file is wrong; the message names the file, line and key. */
public final class ConfigException extends RuntimeException {
  private final List<String> problems;

  public ConfigException(String file, List<String> problems) {
    super(file + ": " + String.join("\n" + file + ": ", problems));
    this.problems = List.copyOf(problems);
  }

  public List<String> problems() {
    return problems;
  }
}
