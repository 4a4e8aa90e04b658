package dev.patchflow.mail;

import java.util.Locale;

/** A mail sender: display name (may be empty) and address (lower-cased). */
public record Person(String name, String email) {
  public Person {
    name = name == null ? "" : name.strip();
    email = email == null ? "" : email.strip().toLowerCase(Locale.ROOT);
  }

  @Override
  public String toString() {
    return name.isEmpty() ? email : name + " <" + email + ">";
  }
}
