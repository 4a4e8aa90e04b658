package dev.patchflow.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.patchflow.config.DatabaseConfig;
import java.nio.file.Path;
import java.util.Map;
import org.flywaydb.core.Flyway;
import org.jdbi.v3.core.Jdbi;

/**
 * The store's connection: a pool, the schema brought up to date by Flyway, and Jdbi on top.
 * The embedded default is an H2 file database under the home directory.
 */
public final class Database implements AutoCloseable {
  private final HikariDataSource pool;
  private final Jdbi jdbi;
  private final Dialect dialect;
  private final StoreRevision revision;

  public enum Dialect { H2, POSTGRESQL }

  private Database(HikariDataSource pool, Dialect dialect) {
    this.pool = pool;
    this.dialect = dialect;
    this.jdbi = Jdbi.create(pool);
    this.revision = StoreRevision.install(jdbi);
  }

  public static Database open(DatabaseConfig config, Path home) {
    String url = config.url() != null ? config.url() : embeddedUrl(home);
    Dialect dialect = url.startsWith("jdbc:postgresql:") ? Dialect.POSTGRESQL : Dialect.H2;
    HikariConfig hc = new HikariConfig();
    hc.setJdbcUrl(url);
    if (config.user() != null) {
      hc.setUsername(config.user());
    } else if (dialect == Dialect.H2) {
      hc.setUsername("sa");
    }
    if (config.password() != null) {
      hc.setPassword(config.password().reveal());
    }
    hc.setMaximumPoolSize(config.pool());
    hc.setPoolName("patchflow");
    hc.setInitializationFailTimeout(10_000);
    HikariDataSource ds;
    try {
      ds = new HikariDataSource(hc);
    } catch (RuntimeException e) {
      throw new StoreException("cannot connect to " + redact(url) + ": " + rootMessage(e), e);
    }
    try {
      migrate(ds, dialect);
    } catch (RuntimeException e) {
      ds.close();
      throw new StoreException("cannot migrate the schema at " + redact(url) + ": " + rootMessage(e), e);
    }
    return new Database(ds, dialect);
  }

  static String embeddedUrl(Path home) {
    Path file = home.resolve("db").resolve("patchflow").toAbsolutePath();
    // AUTO_SERVER lets a second process (an import beside a running server) share the file.
    return "jdbc:h2:file:" + file + ";AUTO_SERVER=TRUE;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE";
  }

  private static void migrate(HikariDataSource ds, Dialect dialect) {
    Map<String, String> types = dialect == Dialect.POSTGRESQL
        ? Map.of("text", "TEXT", "blob", "BYTEA")
        // H2's LOB types cost a separate object per value; its VARYING types hold a mail inline.
        : Map.of("text", "CHARACTER VARYING", "blob", "BINARY VARYING");
    Flyway.configure()
        .dataSource(ds)
        .locations("classpath:db/migration")
        .placeholders(types)
        .load()
        .migrate();
  }

  private static String redact(String url) {
    return url.replaceAll("(?i)(password=)[^;&]*", "$1******");
  }

  private static String rootMessage(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null && t.getCause() != t) {
      t = t.getCause();
    }
    return t.getMessage();
  }

  public Jdbi jdbi() {
    return jdbi;
  }

  /** The number that grows after every committed write, for caches over the store. */
  public StoreRevision revision() {
    return revision;
  }

  public Dialect dialect() {
    return dialect;
  }

  @Override
  public void close() {
    pool.close();
  }
}
