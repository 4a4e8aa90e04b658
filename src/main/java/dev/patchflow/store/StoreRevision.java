package dev.patchflow.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.HandleListener;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.SqlLogger;
import org.jdbi.v3.core.statement.StatementContext;

/**
 * The store's revision: a number that grows after every committed write, so that a reader can
 * cache what it computed and know when it is out of date.
 *
 * <p>Writers do not call anything: every statement that writes through Jdbi is noticed here (as
 * its SQL logger), and so are {@link JdbcBatch} inserts. A future write path cannot forget it.
 * The row is bumped on the writer's own connection, after its transaction commits and never
 * before: a reader who sees the new number must also see the new data, or it would cache the
 * old data under the new number. (A reader who sees the old number with the new data caches it
 * under the old number, which only costs a recomputation.)
 */
public final class StoreRevision implements SqlLogger, HandleListener {
  /**
   * Writes that change nothing a cached answer shows: web sessions, testers' check-ins, and a
   * running job's lease renewals and log chunks (its log is served uncached). Counting them
   * would empty every cache on each login, each tester poll and each second of a running test.
   */
  private static final java.util.regex.Pattern UNSEEN = java.util.regex.Pattern.compile(
      "(INSERT\\s+INTO|DELETE\\s+FROM|UPDATE)\\s+(WEB_SESSION|TESTER)\\b"
          + "|UPDATE\\s+TEST_JOB\\s+SET\\s+(LEASE_UNTIL|LOG)\\s*=",
      java.util.regex.Pattern.CASE_INSENSITIVE);
  private static final List<String> WRITES = List.of("INSERT", "UPDATE", "DELETE", "MERGE", "TRUNCATE");
  private static final String BUMP = "UPDATE store_revision SET revision = revision + 1 WHERE id = 1";

  private final Map<Connection, Handle> handles = Collections.synchronizedMap(new IdentityHashMap<>());
  private final Set<Handle> pending = ConcurrentHashMap.newKeySet();
  private final Jdbi jdbi;

  private StoreRevision(Jdbi jdbi) {
    this.jdbi = jdbi;
  }

  /** Watches every write made through {@code jdbi}. */
  static StoreRevision install(Jdbi jdbi) {
    StoreRevision r = new StoreRevision(jdbi);
    jdbi.setSqlLogger(r);
    jdbi.getConfig(org.jdbi.v3.core.Handles.class).addListener(r);
    return r;
  }

  /** The revision watching the Jdbi that made {@code h}. */
  static StoreRevision of(Handle h) {
    return (StoreRevision) h.getConfig(org.jdbi.v3.core.statement.SqlStatements.class).getSqlLogger();
  }

  /** The current revision, as committed. */
  public long current() {
    return jdbi.withHandle(this::current);
  }

  public long current(Handle h) {
    return h.createQuery("SELECT revision FROM store_revision WHERE id = 1").mapTo(Long.class).one();
  }

  @Override
  public void handleCreated(Handle h) {
    handles.put(h.getConnection(), h);
  }

  @Override
  public void handleClosed(Handle h) {
    handles.remove(h.getConnection());
    pending.remove(h);
  }

  @Override
  public void logAfterExecution(StatementContext ctx) {
    if (writes(ctx.getRenderedSql())) {
      Handle h = handles.get(ctx.getConnection());
      if (h != null) {
        wrote(h);
      }
    }
  }

  /** A write was made on {@code h}: bump now if it is already committed, else after the commit. */
  void wrote(Handle h) {
    try {
      if (h.getConnection().getAutoCommit()) {
        bump(h.getConnection());
      } else if (pending.add(h)) {
        h.afterCommit(() -> {
          pending.remove(h);
          bump(h.getConnection());
        });
        h.afterRollback(() -> pending.remove(h));
      }
    } catch (SQLException e) {
      throw new StoreException("cannot bump the store revision: " + e.getMessage(), e);
    }
  }

  /** Bypasses Jdbi (so that the bump is not itself seen as a write) and commits at once. */
  private static void bump(Connection c) {
    try (Statement st = c.createStatement()) {
      st.executeUpdate(BUMP);
      if (!c.getAutoCommit()) {
        c.commit();
      }
    } catch (SQLException e) {
      throw new StoreException("cannot bump the store revision: " + e.getMessage(), e);
    }
  }

  /** Whether a statement changes what readers may have cached (see {@link #UNSEEN}). */
  static boolean writes(String sql) {
    if (sql == null) {
      return false;
    }
    int start = 0;
    while (start < sql.length() && Character.isWhitespace(sql.charAt(start))) {
      start++;
    }
    // Only the first word is looked at (without copying the statement: this runs for every one).
    for (String verb : WRITES) {
      if (sql.regionMatches(true, start, verb, 0, verb.length())) {
        return !UNSEEN.matcher(sql).region(start, sql.length()).lookingAt();
      }
    }
    return false;
  }
}
