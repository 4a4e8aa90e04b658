package dev.patchflow.testing;

import dev.patchflow.config.DatabaseConfig;
import dev.patchflow.config.Secret;
import dev.patchflow.store.Database;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The databases store tests run on: embedded H2 always, and the real PostgreSQL named by
 * PATCHFLOW_TEST_PG_URL / _USER / _PASSWORD (which .ci/run starts). With PATCHFLOW_REQUIRE_PG
 * set, a missing PostgreSQL is an error rather than a skip. Each PostgreSQL test gets a schema
 * of its own, dropped on close.
 */
public final class TestDatabases {
  private TestDatabases() {}

  public static List<String> kinds() {
    List<String> out = new ArrayList<>(List.of("h2"));
    if (System.getenv("PATCHFLOW_TEST_PG_URL") != null) {
      out.add("postgresql");
    } else if (System.getenv("PATCHFLOW_REQUIRE_PG") != null) {
      throw new IllegalStateException("PATCHFLOW_REQUIRE_PG is set but PATCHFLOW_TEST_PG_URL is not");
    }
    return out;
  }

  /** A fresh, migrated store of the given kind. */
  public static Database open(String kind, Path tempDir) {
    if (kind.equals("h2")) {
      return Database.open(DatabaseConfig.EMBEDDED, tempDir);
    }
    return Database.open(freshPostgres(), tempDir);
  }

  /** A config pointing at an empty schema of its own in the test PostgreSQL. */
  public static DatabaseConfig freshPostgres() {
    String url = System.getenv("PATCHFLOW_TEST_PG_URL");
    String user = System.getenv("PATCHFLOW_TEST_PG_USER");
    String password = System.getenv("PATCHFLOW_TEST_PG_PASSWORD");
    String schema = "t_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
    try (Connection c = DriverManager.getConnection(url, user, password); Statement st = c.createStatement()) {
      st.execute("CREATE SCHEMA " + schema);
    } catch (SQLException e) {
      throw new IllegalStateException("cannot create a test schema in " + url + ": " + e.getMessage(), e);
    }
    String withSchema = url + (url.contains("?") ? "&" : "?") + "currentSchema=" + schema;
    return new DatabaseConfig(withSchema, user, password == null ? null : Secret.of(password), 4);
  }
}
