package dev.patchflow.ci.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import dev.patchflow.config.ConfigException;
import dev.patchflow.config.ConfigLoader;
import dev.patchflow.config.Secret;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Reads KPD's own config file (JSON, {@code "version": 3}) as KPD writes it, so a site can move
 * to Patchflow without rewriting it. KPD's keys only at the top; inside {@code patchwork} the
 * Patchflow additions (relevant_states, closed_states, state_ttl_seconds) are also accepted.
 * Secrets may be written "${NAME}" to read them from the environment.
 */
public final class KpdJsonConfig {
  public static final int VERSION = 3;

  private static final ObjectMapper JSON = new ObjectMapper()
      .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
      .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
      .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);

  /** The file's shape; the labels and Patchflow's extras have no place in a KPD file. */
  private record KpdFile(Integer version, PatchworkConfig patchwork, Map<String, List<String>> tagToBranchMapping,
      Map<String, BranchConfig> branches, String baseDirectory, String mirrorDir, EmailConfig email) {}

  private KpdJsonConfig() {}

  /** Reads, resolves secrets and validates; a ConfigException names the file and every bad key. */
  public static CiConfig read(Path file, Function<String, String> env) {
    String text;
    try {
      text = Files.readString(file);
    } catch (IOException e) {
      throw new ConfigException(file.toString(), List.of("cannot read: " + e.getMessage()));
    }
    return parse(text, file.toString(), env);
  }

  /** As {@link #read}, from text; {@code name} is the file name errors are given with. */
  public static CiConfig parse(String text, String name, Function<String, String> env) {
    KpdFile f;
    try {
      // the version first: a version 2 file would otherwise fail on its first old key
      JsonNode tree = JSON.readTree(text);
      if (tree == null || !tree.isObject()) {
        throw new ConfigException(name, List.of("not a JSON object"));
      }
      JsonNode version = tree.get("version");
      if (version == null || !version.canConvertToInt() || version.asInt() != VERSION) {
        throw new ConfigException(name, List.of("version: must be " + VERSION + " (KPD's config format 3), got "
            + (version == null ? "nothing" : version.toString())));
      }
      f = JSON.readValue(text, KpdFile.class);
    } catch (JsonProcessingException e) {
      throw new ConfigException(name, List.of(ConfigLoader.describe(e, text)));
    }
    CiConfig c = new CiConfig(f.patchwork(), f.tagToBranchMapping(), f.branches(), f.baseDirectory(), f.mirrorDir(), null,
        f.email(), null, null, null);
    List<String> problems = new ArrayList<>();
    c = c.mapSecrets((key, s) -> resolve(key, s, env, problems));
    problems.addAll(CiConfigValidator.problems(c, ""));
    if (!problems.isEmpty()) {
      throw new ConfigException(name, problems);
    }
    return c;
  }

  static Secret resolve(String key, Secret s, Function<String, String> env, List<String> problems) {
    String variable = s.variable();
    if (variable == null) {
      return s;
    }
    String value = env.apply(variable);
    if (value == null) {
      problems.add(key + ": environment variable " + variable + " is not set");
      return s;
    }
    return Secret.of(value);
  }
}
