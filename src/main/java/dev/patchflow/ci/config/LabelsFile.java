package dev.patchflow.ci.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.patchflow.config.ConfigException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * KPD's labels file: a JSON object of label → colour ({@code {"merge-conflict": "e85506"}}), with
 * or without '#'. The bridge creates or recolours these labels at start.
 */
public final class LabelsFile {
  private static final Pattern COLOUR = Pattern.compile("[0-9a-f]{6}");

  private LabelsFile() {}

  /** Label → 6 lower-case hex digits, in file order; every bad entry is named at once. */
  public static Map<String, String> read(Path file) {
    String name = file.toString();
    JsonNode tree;
    try {
      tree = new ObjectMapper().readTree(Files.readString(file));
    } catch (JsonProcessingException e) {
      throw new ConfigException(name, List.of("line " + e.getLocation().getLineNr() + ": " + e.getOriginalMessage()));
    } catch (IOException e) {
      throw new ConfigException(name, List.of("cannot read: " + e.getMessage()));
    }
    if (tree == null || !tree.isObject()) {
      throw new ConfigException(name, List.of("must be a JSON object of label → colour"));
    }
    Map<String, String> out = new LinkedHashMap<>();
    List<String> problems = new ArrayList<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = tree.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      String colour = e.getValue().isTextual() ? CiConfig.colour(e.getValue().asText()) : null;
      if (e.getKey().isBlank()) {
        problems.add("empty label name");
      } else if (colour == null || !COLOUR.matcher(colour).matches()) {
        problems.add(e.getKey() + ": colour must be 6 hex digits like 'e85506', got " + e.getValue());
      } else {
        out.put(e.getKey(), colour);
      }
    }
    if (!problems.isEmpty()) {
      throw new ConfigException(name, problems);
    }
    return Collections.unmodifiableMap(out);
  }
}
