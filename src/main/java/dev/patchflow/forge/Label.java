package dev.patchflow.forge;

import com.fasterxml.jackson.databind.JsonNode;

/** A label and its colour as six hex digits without '#', e.g. "e85506". */
public record Label(String name, String color) {
  static Label from(JsonNode n) {
    return new Label(Json.text(n, "name"), Json.text(n, "color"));
  }
}
