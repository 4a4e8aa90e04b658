package dev.patchflow.config;

import com.fasterxml.jackson.annotation.JsonCreator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A password or token: usable by code, never printed. */
public final class Secret {
  private static final Pattern ENV = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)}");

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

  /**
   * The environment variable this secret stands for when it is written as "${NAME}", else null;
   * the config file then need not hold the secret itself.
   */
  public String variable() {
    Matcher m = ENV.matcher(value == null ? "" : value);
    return m.matches() ? m.group(1) : null;
  }

  // Two configs read from different files compare equal when they hold the same secrets.
  @Override
  public boolean equals(Object o) {
    return o instanceof Secret s && java.util.Objects.equals(value, s.value);
  }

  @Override
  public int hashCode() {
    return java.util.Objects.hashCode(value);
  }

  @Override
  public String toString() {
    return "******";
  }
}
