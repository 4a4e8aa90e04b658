package dev.patchflow.store;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.statement.Query;

/**
 * A WHERE clause built from optional filters, with its bound values, so list queries do not
 * bind NULL to "(:x IS NULL OR ...)" tricks PostgreSQL cannot type.
 */
public final class Where {
  private final List<String> conditions = new ArrayList<>();
  private final Map<String, Object> values = new LinkedHashMap<>();
  private final Map<String, List<?>> lists = new LinkedHashMap<>();

  /** Adds a condition with one named value. */
  public Where and(String condition, String name, Object value) {
    conditions.add(condition);
    values.put(name, value);
    return this;
  }

  /** Adds a condition with several named values. */
  public Where and(String condition, Map<String, Object> named) {
    conditions.add(condition);
    values.putAll(named);
    return this;
  }

  /** Adds a condition with no value. */
  public Where and(String condition) {
    conditions.add(condition);
    return this;
  }

  /** Adds a condition on a list bound as {@code <name>} (an empty list matches nothing). */
  public Where andIn(String condition, String name, List<?> list) {
    conditions.add(list.isEmpty() ? "1 = 0" : condition);
    if (!list.isEmpty()) {
      lists.put(name, list);
    }
    return this;
  }

  /** A list used inside a condition added with {@link #and(String)}. */
  public Where list(String name, List<?> list) {
    lists.put(name, list);
    return this;
  }

  /** The sender (person alias {@code pe}) is one of these ids or addresses; nothing given, any. */
  public Where submitters(List<Long> ids, List<String> emails) {
    if (ids.isEmpty() && emails.isEmpty()) {
      return this;
    }
    List<String> parts = new ArrayList<>();
    if (!ids.isEmpty()) {
      parts.add("pe.id IN (<submitters>)");
      list("submitters", ids);
    }
    if (!emails.isEmpty()) {
      parts.add("pe.email IN (<emails>)");
      list("emails", emails);
    }
    return and("(" + String.join(" OR ", parts) + ")");
  }

  public String sql() {
    return conditions.isEmpty() ? "" : " WHERE " + String.join(" AND ", conditions);
  }

  public Query bind(Query q) {
    values.forEach(q::bind);
    lists.forEach(q::bindList);
    return q;
  }
}
