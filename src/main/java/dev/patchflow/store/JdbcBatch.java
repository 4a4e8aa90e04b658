package dev.patchflow.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.jdbi.v3.core.Handle;

/**
 * Batched inserts straight over JDBC, for the few statements that run once per mail or per
 * series member: Jdbi's named binding costs as much as the insert itself there.
 */
final class JdbcBatch {
  private JdbcBatch() {}

  /** Sets one row's parameters, 1-based, in the statement's order. */
  interface Binder<T> {
    void bind(PreparedStatement ps, T row) throws SQLException;
  }

  /** Inserts every row; returns the generated ids in row order when {@code idColumn} is given. */
  static <T> List<Long> insert(Handle h, String sql, List<T> rows, Binder<T> binder, String idColumn) {
    List<Long> ids = new ArrayList<>(idColumn == null ? 0 : rows.size());
    if (rows.isEmpty()) {
      return ids;
    }
    Connection c = h.getConnection();
    try (PreparedStatement ps = idColumn == null ? c.prepareStatement(sql) : c.prepareStatement(sql, new String[] {idColumn})) {
      for (T row : rows) {
        binder.bind(ps, row);
        ps.addBatch();
      }
      ps.executeBatch();
      StoreRevision.of(h).wrote(h);
      if (idColumn != null) {
        try (ResultSet keys = ps.getGeneratedKeys()) {
          while (keys.next()) {
            ids.add(keys.getLong(1));
          }
        }
        if (ids.size() != rows.size()) {
          throw new StoreException("inserted " + rows.size() + " rows but got " + ids.size() + " ids", null);
        }
      }
      return ids;
    } catch (SQLException e) {
      throw new StoreException("batch insert failed: " + e.getMessage() + " [" + sql + "]", e);
    }
  }

  static void setLong(PreparedStatement ps, int i, Long v) throws SQLException {
    if (v == null) {
      ps.setNull(i, java.sql.Types.BIGINT);
    } else {
      ps.setLong(i, v);
    }
  }

  static void setInt(PreparedStatement ps, int i, Integer v) throws SQLException {
    if (v == null) {
      ps.setNull(i, java.sql.Types.INTEGER);
    } else {
      ps.setInt(i, v);
    }
  }

  static void setText(PreparedStatement ps, int i, String v) throws SQLException {
    if (v == null) {
      ps.setNull(i, java.sql.Types.VARCHAR);
    } else {
      ps.setString(i, v);
    }
  }

  static void setTime(PreparedStatement ps, int i, java.time.Instant v) throws SQLException {
    if (v == null) {
      ps.setNull(i, java.sql.Types.TIMESTAMP_WITH_TIMEZONE);
    } else {
      ps.setObject(i, Sql.time(v));
    }
  }
}
