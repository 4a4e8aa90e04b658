package dev.patchflow.ci.config;

import dev.patchflow.config.Config;
import dev.patchflow.config.ConfigException;
import dev.patchflow.config.ConfigLoader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/** Finds the CI bridge's config in a file of either kind: KPD's JSON or patchflow.yaml's {@code ci:}. */
public final class CiConfigFiles {
  /** The kinds of file the bridge reads. */
  public enum Kind { KPD_JSON, PATCHFLOW_YAML }

  private CiConfigFiles() {}

  /**
   * Reads, resolves secrets and validates; with {@code labels} (KPD's --label-colors file), its
   * labels replace any in the config.
   */
  public static CiConfig load(Path file, Path labels, Function<String, String> env) {
    if (!Files.isRegularFile(file)) {
      throw new ConfigException(file.toString(), List.of("file not found"));
    }
    CiConfig c;
    if (kind(file) == Kind.KPD_JSON) {
      c = KpdJsonConfig.read(file, env);
    } else {
      Config main = ConfigLoader.load(file, true, env);
      if (main.ci() == null) {
        throw new ConfigException(file.toString(), List.of("ci: no ci section (patchwork, tag_to_branch_mapping, "
            + "branches, base_directory)"));
      }
      c = main.ci();
    }
    return labels == null ? c : c.withLabels(LabelsFile.read(labels));
  }

  /** By extension (.json, .yaml, .yml), else by content: JSON starts with '{'. */
  public static Kind kind(Path file) {
    String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
    if (name.endsWith(".json")) {
      return Kind.KPD_JSON;
    }
    if (name.endsWith(".yaml") || name.endsWith(".yml")) {
      return Kind.PATCHFLOW_YAML;
    }
    try {
      return Files.readString(file).stripLeading().startsWith("{") ? Kind.KPD_JSON : Kind.PATCHFLOW_YAML;
    } catch (IOException e) {
      throw new ConfigException(file.toString(), List.of("cannot read: " + e.getMessage()));
    }
  }
}
