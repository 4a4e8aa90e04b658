package dev.patchflow.store;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Handle;

/** Results of work on a series: "git" (applied or not), "testing.NAME", ... */
public final class ResultRepository {
  public record Result(long seriesId, String name, String status, String logUrl, String data, Instant updated) {}

  public static final List<String> STATUSES = List.of("pending", "running", "success", "failure");

  /** Sets (creates or replaces) one named result of a series. */
  public void put(Handle h, long seriesId, String name, String status, String logUrl, String data, Instant now) {
    int changed = h.createUpdate("UPDATE series_result SET status = :s, log_url = :l, data = :d, updated_at = :t "
            + "WHERE series_id = :id AND name = :n")
        .bind("s", status).bind("l", Sql.text(logUrl, 2000)).bind("d", Sql.text(data)).bind("t", Sql.time(now))
        .bind("id", seriesId).bind("n", name).execute();
    if (changed == 0) {
      h.createUpdate("INSERT INTO series_result (series_id, name, status, log_url, data, updated_at) "
              + "VALUES (:id, :n, :s, :l, :d, :t)")
          .bind("s", status).bind("l", Sql.text(logUrl, 2000)).bind("d", Sql.text(data)).bind("t", Sql.time(now))
          .bind("id", seriesId).bind("n", name).execute();
    }
  }

  public Map<Long, List<Result>> forSeries(Handle h, List<Long> seriesIds) {
    Map<Long, List<Result>> out = new HashMap<>();
    if (!seriesIds.isEmpty()) {
      h.createQuery("SELECT series_id, name, status, log_url, data, updated_at FROM series_result "
              + "WHERE series_id IN (<ids>) ORDER BY name")
          .bindList("ids", seriesIds)
          .map((rs, ctx) -> new Result(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
              Sql.instant(rs, "updated_at")))
          .forEach(r -> out.computeIfAbsent(r.seriesId(), k -> new ArrayList<>()).add(r));
    }
    return out;
  }
}
