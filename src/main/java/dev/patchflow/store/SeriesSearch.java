package dev.patchflow.store;

import dev.patchflow.search.Query;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Turns a parsed search into SQL over series (alias {@code s}) with named values. The meaning
 * of each term lives here, in one place, for the web UI and the native API alike.
 */
public final class SeriesSearch {
  private final Instant now;
  private final Map<String, Object> values = new HashMap<>();
  private int counter;

  private SeriesSearch(Instant now) {
    this.now = now;
  }

  /** Adds the query's condition to {@code where}. */
  public static void apply(Query q, Instant now, Where where) {
    SeriesSearch s = new SeriesSearch(now);
    String sql = s.sql(q);
    where.and(sql, s.values);
  }

  private String sql(Query q) {
    if (q instanceof Query.All all) {
      return all.parts().isEmpty() ? "1 = 1" : join(all.parts(), " AND ");
    } else if (q instanceof Query.AnyOf any) {
      return join(any.parts(), " OR ");
    } else if (q instanceof Query.Not not) {
      return "NOT (" + sql(not.inner()) + ")";
    } else if (q instanceof Query.Word w) {
      return "LOWER(s.name) LIKE " + like(w.text());
    }
    Query.Term t = (Query.Term) q;
    return term(t.key(), t.value());
  }

  private String join(List<Query> parts, String op) {
    List<String> out = new ArrayList<>();
    parts.forEach(p -> out.add("(" + sql(p) + ")"));
    return String.join(op, out);
  }

  private String term(String key, String value) {
    String v = value.toLowerCase(Locale.ROOT);
    return switch (key) {
      case "from" -> "(LOWER(s.submitter_name) LIKE " + like(v) + " OR LOWER(s.submitter_email) LIKE " + like(v) + ")";
      case "to" -> "EXISTS (SELECT 1 FROM series_member tm JOIN message tmm ON tmm.id = tm.message_id "
          + "WHERE tm.series_id = s.id AND LOWER(tmm.recipients) LIKE " + like(v) + ")";
      case "project" -> "s.project_id IN (SELECT id FROM project WHERE LOWER(name) = " + value(v)
          + " OR LOWER(name) LIKE " + value(v + ".%") + ")";
      case "age" -> age(v);
      case "is" -> is(v);
      case "not" -> "NOT (" + is(v) + ")";
      case "has" -> "EXISTS (SELECT 1 FROM series_member r WHERE r.series_id = s.id AND r.role = 'reply')";
      case "success", "failure", "pending", "running" -> "EXISTS (SELECT 1 FROM series_result res WHERE res.series_id = s.id "
          // testers' results are "testing.NAME"; success:NAME finds them by the test's own name
          + "AND res.status = " + value(key) + " AND (LOWER(res.name) = " + value(v) + " OR LOWER(res.name) = "
          + value("testing." + v) + "))";
      default -> throw new IllegalArgumentException(key);
    };
  }

  private String is(String what) {
    return switch (what) {
      case "complete" -> "s.complete = TRUE";
      case "obsolete" -> "s.next_id IS NOT NULL";
      case "pull" -> "EXISTS (SELECT 1 FROM series_member pm JOIN message pmm ON pmm.id = pm.message_id "
          + "WHERE pm.series_id = s.id AND pmm.kind = 'PULL_REQUEST')";
      case "reviewed" -> "(EXISTS (SELECT 1 FROM series_trailer st WHERE st.series_id = s.id AND st.patch_id IS NULL "
          + "AND st.name = 'Reviewed-by') OR NOT EXISTS (SELECT 1 FROM series_member rp JOIN message rpm "
          + "ON rpm.id = rp.message_id WHERE rp.series_id = s.id AND rp.role = 'patch' "
          + "AND (rpm.trailers IS NULL OR rpm.trailers NOT LIKE '%Reviewed-by: %') AND NOT EXISTS (SELECT 1 "
          + "FROM series_trailer rt WHERE rt.series_id = s.id AND rt.patch_id = rp.message_id AND rt.name = 'Reviewed-by')))";
      case "merged" -> "(EXISTS (SELECT 1 FROM series_member mm WHERE mm.series_id = s.id AND mm.role = 'patch') "
          + "AND NOT EXISTS (SELECT 1 FROM series_member mm2 JOIN message_project mmp ON mmp.message_id = mm2.message_id "
          + "AND mmp.project_id = s.project_id WHERE mm2.series_id = s.id AND mm2.role = 'patch' AND mmp.state_id <> 3 "
          + "AND mmp.commit_ref IS NULL))";
      case "applied" -> "EXISTS (SELECT 1 FROM series_result ar WHERE ar.series_id = s.id AND ar.name = 'git' "
          + "AND ar.status = 'success')";
      case "tested" -> "(EXISTS (SELECT 1 FROM series_result tr WHERE tr.series_id = s.id AND tr.name <> 'git') "
          + "AND NOT EXISTS (SELECT 1 FROM series_result tr2 WHERE tr2.series_id = s.id AND tr2.status <> 'success'))";
      default -> throw new IllegalArgumentException(what);
    };
  }

  /** age:<2w (newer than two weeks, the default) or age:>2w (older). */
  private String age(String v) {
    boolean older = v.startsWith(">");
    String n = v.replaceFirst("^[<>]", "");
    long count = Long.parseLong(n.substring(0, n.length() - 1));
    Duration d = switch (n.charAt(n.length() - 1)) {
      case 'd' -> Duration.ofDays(count);
      case 'w' -> Duration.ofDays(7 * count);
      case 'm' -> Duration.ofDays(30 * count);
      default -> Duration.ofDays(365 * count);
    };
    return "s.sent_at " + (older ? "< " : ">= ") + value(Sql.time(now.minus(d)));
  }

  private String like(String text) {
    return value("%" + text.toLowerCase(Locale.ROOT).replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%");
  }

  private String value(Object v) {
    String name = "sq" + counter++;
    values.put(name, v);
    return ":" + name;
  }
}
