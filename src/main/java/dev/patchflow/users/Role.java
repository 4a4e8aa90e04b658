package dev.patchflow.users;

import java.util.Locale;

/** What a user may do. Admins may do everything; the others may be limited to one project. */
public enum Role {
  ADMIN, MAINTAINER, IMPORTER, TESTER;

  public String slug() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Role of(String slug) {
    try {
      return valueOf(slug.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("unknown role '" + slug + "' (admin, maintainer, importer, tester)");
    }
  }
}
