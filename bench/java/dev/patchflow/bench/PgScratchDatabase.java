package dev.patchflow.bench;

import dev.patchflow.config.DatabaseConfig;
import dev.patchflow.config.Secret;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;

/**
 * An empty PostgreSQL database made for one run and dropped after it, so every run starts
 * from the same empty store whatever ran before. Needs a role allowed to CREATE DATABASE.
 */
final class PgScratchDatabase implements AutoCloseable {
  private final PgUrl url;
  private final String user;
  private final String password;
  private final String name;

  private PgScratchDatabase(PgUrl url, String user, String password, String name) {
    this.url = url;
    this.user = user;
    this.password = password;
    this.name = name;
  }

  /** Throws SQLException when the server cannot be reached or will not make the database. */
  static PgScratchDatabase create(String jdbcUrl, String user, String password) throws SQLException {
    PgUrl url = PgUrl.parse(jdbcUrl);
    String name = "patchflow_bench_" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd_HHmmss"))
        + "_" + ProcessHandle.current().pid();
    try (Connection c = admin(url, user, password); Statement st = c.createStatement()) {
      st.execute("CREATE DATABASE " + name);
    }
    return new PgScratchDatabase(url, user, password, name);
  }

  DatabaseConfig config() {
    return new DatabaseConfig(url.withDatabase(name), user, password == null ? null : Secret.of(password), null);
  }

  String name() {
    return name;
  }

  /** The maintenance database first; failing that, the one the URL names. */
  private static Connection admin(PgUrl url, String user, String password) throws SQLException {
    try {
      return DriverManager.getConnection(url.withDatabase("postgres"), user, password);
    } catch (SQLException e) {
      if (url.database().isEmpty() || url.database().equals("postgres")) {
        throw e;
      }
      return DriverManager.getConnection(url.withDatabase(url.database()), user, password);
    }
  }

  @Override
  public void close() {
    try (Connection c = admin(url, user, password); Statement st = c.createStatement()) {
      st.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)"); // FORCE: PostgreSQL 13+
    } catch (SQLException e) {
      System.err.println("bench: could not drop database " + name + ": " + e.getMessage() + " (drop it by hand)");
    }
  }
}
