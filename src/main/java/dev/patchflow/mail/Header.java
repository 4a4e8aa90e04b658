package dev.patchflow.mail;

/** One header field as it appeared, unfolded but not yet decoded. */
public record Header(String name, String rawValue) {
  public boolean is(String other) {
    return name.equalsIgnoreCase(other);
  }

  /** The value with RFC 2047 encoded words decoded and whitespace trimmed. */
  public String value() {
    return EncodedWords.decode(rawValue).strip();
  }
}
