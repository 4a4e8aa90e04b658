package dev.patchflow.config;

/**
 * Where the store lives. No url: the embedded H2 file database under the home directory.
 *
 * @param url a JDBC URL (jdbc:postgresql://... or jdbc:h2:...), or null for the default
 */
public record DatabaseConfig(String url, String user, Secret password, Integer poolSize) {
  public static final DatabaseConfig EMBEDDED = new DatabaseConfig(null, null, null, null);

  public int pool() {
    return poolSize == null ? 8 : poolSize;
  }
}
