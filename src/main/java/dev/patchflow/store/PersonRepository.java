package dev.patchflow.store;

import dev.patchflow.mail.Person;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jdbi.v3.core.Handle;

/** Everyone who has sent mail, one row per address (Patchwork's "people"). */
public final class PersonRepository {
  /** A stored sender, with the user account it belongs to, if any. */
  public record StoredPerson(long id, String name, String email, Long userId) {}

  /** Adds the senders not yet known; the first name seen for an address is kept. */
  public void ensure(Handle h, Collection<Person> people) {
    Map<String, Person> byEmail = new LinkedHashMap<>();
    for (Person p : people) {
      byEmail.putIfAbsent(Sql.text(p.email(), 1000), p);
    }
    if (byEmail.isEmpty()) {
      return;
    }
    Set<String> known = new HashSet<>();
    List<String> emails = new ArrayList<>(byEmail.keySet());
    for (int i = 0; i < emails.size(); i += 500) {
      known.addAll(h.createQuery("SELECT email FROM person WHERE email IN (<e>)")
          .bindList("e", emails.subList(i, Math.min(emails.size(), i + 500))).mapTo(String.class).list());
    }
    List<Person> missing = byEmail.entrySet().stream().filter(e -> !known.contains(e.getKey()))
        .map(Map.Entry::getValue).toList();
    JdbcBatch.insert(h, "INSERT INTO person (email, name) VALUES (?, ?)", missing, (ps, p) -> {
      ps.setString(1, Sql.text(p.email(), 1000));
      ps.setString(2, Sql.text(p.name(), 1000));
    }, null);
  }

  public Optional<StoredPerson> byId(Handle h, long id) {
    return h.createQuery("SELECT id, name, email, user_id FROM person WHERE id = :id").bind("id", id)
        .map((rs, ctx) -> new StoredPerson(rs.getLong(1), rs.getString(2), rs.getString(3), Sql.longOrNull(rs, "user_id")))
        .findOne();
  }

  /** People whose name or address contains {@code q} (all when null), by id. */
  public List<StoredPerson> search(Handle h, String q, int limit, int offset) {
    Where w = new Where();
    if (q != null) {
      w.and("(LOWER(name) LIKE :like OR LOWER(email) LIKE :like)", "like", "%" + q.toLowerCase(java.util.Locale.ROOT) + "%");
    }
    return w.bind(h.createQuery("SELECT id, name, email, user_id FROM person" + w.sql()
            + " ORDER BY id LIMIT :limit OFFSET :offset"))
        .bind("limit", limit).bind("offset", offset)
        .map((rs, ctx) -> new StoredPerson(rs.getLong(1), rs.getString(2), rs.getString(3), Sql.longOrNull(rs, "user_id")))
        .list();
  }
}
