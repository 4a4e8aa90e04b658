package dev.patchflow.store;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/** Small conversions every repository needs. */
final class Sql {
  private Sql() {}

  /** Text as the columns take it: no NUL (PostgreSQL refuses it), no more than {@code max} chars. */
  static String text(String s, int max) {
    if (s == null) {
      return null;
    }
    String clean = s.indexOf('\0') >= 0 ? s.replace('\0', '\uFFFD') : s;
    return clean.length() <= max ? clean : clean.substring(0, max);
  }

  /** Unbounded text (CLOB / TEXT columns). */
  static String text(String s) {
    return text(s, Integer.MAX_VALUE);
  }

  static OffsetDateTime time(Instant i) {
    return i == null ? null : i.atOffset(ZoneOffset.UTC);
  }

  static Instant instant(ResultSet rs, String column) throws SQLException {
    OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
    return t == null ? null : t.toInstant();
  }

  static Integer integer(ResultSet rs, String column) throws SQLException {
    int v = rs.getInt(column);
    return rs.wasNull() ? null : v;
  }

  static Long longOrNull(ResultSet rs, String column) throws SQLException {
    long v = rs.getLong(column);
    return rs.wasNull() ? null : v;
  }
}
