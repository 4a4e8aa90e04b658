package dev.patchflow.config;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.patchflow.backport.config.BackportConfig;
import dev.patchflow.ci.config.CiConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** Reads and validates patchflow.yaml; every error names the file, the line and the key. */
public final class ConfigLoader {
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
      .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
      .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
      .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
      .enable(DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS)
      .enable(com.fasterxml.jackson.databind.MapperFeature.ACCEPT_CASE_INSENSITIVE_ENUMS);

  private ConfigLoader() {}

  /** Loads the file, or the defaults when {@code file} does not exist and was not asked for. */
  public static Config load(Path file, boolean required, Function<String, String> env) {
    if (file == null || !Files.exists(file)) {
      if (required) {
        throw new ConfigException(String.valueOf(file), List.of("file not found"));
      }
      return Config.DEFAULT;
    }
    String name = file.toString();
    String text;
    try {
      text = Files.readString(file);
    } catch (IOException e) {
      throw new ConfigException(name, List.of("cannot read: " + e.getMessage()));
    }
    Config config;
    try {
      config = text.isBlank() ? Config.DEFAULT : YAML.readValue(text, Config.class);
    } catch (JsonProcessingException e) {
      throw new ConfigException(name, List.of(describe(e, text)));
    }
    if (config == null) {
      config = Config.DEFAULT;
    }
    config = resolveSecrets(config, name, env);
    List<String> problems = ConfigValidator.problems(config);
    if (!problems.isEmpty()) {
      throw new ConfigException(name, problems);
    }
    return config;
  }

  /**
   * A parse error as "line N: unknown key 'a.b' (known keys here: ...)"; works for JSON too, so the
   * CI bridge's KPD file reads the same way.
   */
  public static String describe(JsonProcessingException e, String text) {
    JsonLocation loc = e.getLocation();
    int line = e instanceof JsonMappingException m ? lineOf(text, m.getPath()) : -1;
    if (line < 0 && loc != null) {
      line = loc.getLineNr();
    }
    String where = line < 0 ? "" : "line " + line + ": ";
    if (e instanceof UnrecognizedPropertyException u) {
      String known = u.getKnownPropertyIds() == null ? "" : u.getKnownPropertyIds().stream()
          .map(Object::toString).sorted().collect(Collectors.joining(", "));
      return where + "unknown key '" + path(u) + "'" + (known.isEmpty() ? "" : " (known keys here: " + known + ")");
    }
    if (e instanceof JsonMappingException m && !m.getPath().isEmpty()) {
      return where + "bad value for '" + path(m) + "': " + m.getOriginalMessage().split("\n")[0];
    }
    return where + e.getOriginalMessage();
  }

  /**
   * The line of the key a mapping error is about. The YAML parser reports where it stopped,
   * often the end of the block, so the key is looked up along its path instead.
   */
  private static int lineOf(String text, List<JsonMappingException.Reference> path) {
    String[] lines = text.split("\n", -1);
    int from = 0;
    int found = -1;
    for (JsonMappingException.Reference r : path) {
      if (r.getFieldName() == null) {
        continue;
      }
      Pattern key = Pattern.compile("^\\s*(- )?\"?" + Pattern.quote(r.getFieldName()) + "\"?\\s*:");
      found = -1;
      for (int i = from; i < lines.length; i++) {
        if (key.matcher(lines[i]).find()) {
          found = i;
          break;
        }
      }
      if (found < 0) {
        return -1;
      }
      from = found + 1;
    }
    return found < 0 ? -1 : found + 1;
  }

  private static String path(JsonMappingException e) {
    StringBuilder out = new StringBuilder();
    for (JsonMappingException.Reference r : e.getPath()) {
      if (r.getFieldName() != null) {
        out.append(out.length() == 0 ? "" : ".").append(r.getFieldName());
      } else if (r.getIndex() >= 0) {
        out.append('[').append(r.getIndex()).append(']');
      }
    }
    return out.toString();
  }

  /** "${NAME}" in a secret is read from the environment, so the file need not hold it. */
  private static Config resolveSecrets(Config c, String file, Function<String, String> env) {
    DatabaseConfig db = c.database();
    if (db.password() != null) {
      db = new DatabaseConfig(db.url(), db.user(), resolve(db.password(), "database.password", file, env), db.poolSize());
    }
    List<ImapSourceConfig> imap = new java.util.ArrayList<>();
    for (int i = 0; i < c.intake().imap().size(); i++) {
      ImapSourceConfig s = c.intake().imap().get(i);
      imap.add(s.password() == null ? s : s.withPassword(resolve(s.password(), "intake.imap[" + i + "].password", file, env)));
    }
    IntakeConfig in = c.intake();
    NotificationsConfig n = c.notifications();
    if (n != null && n.smtp() != null && n.smtp().password() != null) {
      n = new NotificationsConfig(n.smtp().withPassword(resolve(n.smtp().password(), "notifications.smtp.password", file,
          env)), n.onFailure());
    }
    CiConfig ci = c.ci() == null ? null : c.ci().mapSecrets((key, s) -> resolve(s, "ci." + key, file, env));
    BackportConfig bp = c.backport() == null ? null
        : c.backport().mapSecrets((key, s) -> resolve(s, "backport." + key, file, env));
    return new Config(db, new IntakeConfig(in.batchSize(), in.unmatched(), imap, in.publicInbox()), c.projects(), c.server(), c.states(),
        c.applier(), n, ci, bp);
  }

  private static Secret resolve(Secret secret, String key, String file, Function<String, String> env) {
    String variable = secret.variable();
    if (variable == null) {
      return secret;
    }
    String value = env.apply(variable);
    if (value == null) {
      throw new ConfigException(file, List.of(key + ": environment variable " + variable + " is not set"));
    }
    return Secret.of(value);
  }
}
