package dev.patchflow.config;

import com.fasterxml.jackson.annotation.JsonCreator;

/** A password or token: usable by code, never printed. */
public final class Secret {
  private final String value;

  private Secret(String value) {
    this.value = value;
  }

  @JsonCreator
  public static Secret of(String value) {
    return new Secret(value);
  }

  public String reveal() {
    return value;
  }

  @Override
  public String toString() {
    return "******";
  }
}
